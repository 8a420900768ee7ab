/** Dates shown as AO3 does (2026-11-25), in UTC so every server renders the same page. */
export function DateTime({ date }: { date: Date }) {
  const iso = date.toISOString();
  return <time dateTime={iso}>{iso.slice(0, 10)}</time>;
}

export const formatCount = (n: number) => n.toLocaleString('en');

/** Renders HTML that has already been through the sanitizer. */
export function SanitizedHtml({ html, class: className }: { html: string; class?: string }) {
  return <div class={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
