/**
 * Browser code (bundled by platform/http/assets.ts): the kudos button without a page load. The
 * server renders a plain form POST (views/kudos-section.tsx); this posts the same form with fetch,
 * CSRF token included, asking for JSON, then re-renders the list of who left kudos, updates the
 * count in the stats line and says what happened in the status region (role="status", polite).
 * Import nothing server-side here.
 */
import { render } from 'preact';
import type { KudosAnswer } from './kudos.model.ts';
import { KudosList } from './views/kudos-list.tsx';

function formBody(form: HTMLFormElement): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') body.append(name, value);
  return body;
}

async function post(form: HTMLFormElement): Promise<{ ok: true; answer: KudosAnswer } | { ok: false; message: string }> {
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody(form),
      credentials: 'same-origin',
    });
    const body = (await response.json()) as KudosAnswer | { error?: string };
    if (response.ok && 'summary' in body) return { ok: true, answer: body };
    return { ok: false, message: ('error' in body && body.error) || 'Your kudos could not be saved. Try again.' };
  } catch {
    return { ok: false, message: 'Your kudos could not be sent. Check your connection and try again.' };
  }
}

function enhance(section: HTMLElement): void {
  const form = section.querySelector<HTMLFormElement>('form[data-kudos-form]');
  const status = section.querySelector<HTMLElement>('[data-kudos-status]');
  const list = section.querySelector<HTMLElement>('[data-kudos-list]');
  if (!form || !status || !list) return;
  let sending = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // A double click sends once; the server would refuse the second anyway.
    if (sending) return;
    sending = true;
    void post(form).then((result) => {
      sending = false;
      status.textContent = result.ok ? result.answer.message : result.message;
      if (!result.ok) return;
      render(<KudosList summary={result.answer.summary} />, list);
      for (const count of document.querySelectorAll<HTMLElement>('[data-kudos-count]')) count.textContent = result.answer.kudosCount.toLocaleString('en');
    });
  });
}

export function mountKudos(root: ParentNode): void {
  for (const section of root.querySelectorAll<HTMLElement>('[data-kudos-island]')) enhance(section);
}
