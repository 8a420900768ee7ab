import { CsrfField } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { KudosSummary } from '../kudos.model.ts';
import { KudosList } from './kudos-list.tsx';

export interface KudosSectionProps {
  ctx: PageContext;
  workId: number;
  summary: KudosSummary;
  /** Whether this viewer may leave kudos here (kudosPolicy; guests always see the button). */
  canGive: boolean;
  /** A member who already left kudos sees that instead of the button. */
  given: boolean;
  /** After the no-JavaScript form POST: the thank-you note. */
  notice?: string;
}

/**
 * The kudos button and who left kudos. Without JavaScript the button is a form POST answered
 * with 303 back here; the kudos island (kudos.island.tsx) posts it with fetch instead and updates
 * the list, the count and the status line in place.
 */
export function KudosSection({ ctx, workId, summary, canGive, given, notice }: KudosSectionProps) {
  return (
    <section class="kudos" id="kudos" aria-labelledby="kudos-heading" data-kudos-island>
      <h2 id="kudos-heading">Kudos</h2>
      {canGive && !given ? (
        <form method="post" action={`/works/${workId}/kudos`} class="inline-form" data-kudos-form>
          <CsrfField ctx={ctx} />
          <button type="submit">Leave kudos ♥</button>
        </form>
      ) : null}
      {given ? <p>You left kudos on this work. Thank you!</p> : null}
      <p class="kudos-status" role="status" data-kudos-status>{notice ?? ''}</p>
      <div data-kudos-list>
        <KudosList summary={summary} />
      </div>
    </section>
  );
}
