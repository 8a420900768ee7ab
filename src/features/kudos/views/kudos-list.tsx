/**
 * Who left kudos, as one sentence. Rendered on the server and by the kudos island after a click,
 * so it imports nothing server-side.
 */
import { Fragment } from 'preact';
import type { KudosSummary } from '../kudos.model.ts';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export function KudosList({ summary }: { summary: KudosSummary }) {
  const { members, memberCount, guestCount } = summary;
  if (memberCount + guestCount === 0) return <p class="kudos-list">No kudos yet.</p>;
  const parts = [
    ...members.map((name) => <a href={`/users/${encodeURIComponent(name)}`}>{name}</a>),
    ...(memberCount > members.length ? [<>{plural(memberCount - members.length, 'other member', 'other members')}</>] : []),
    ...(guestCount > 0 ? [<>{plural(guestCount, 'guest', 'guests')}</>] : []),
  ];
  return (
    <p class="kudos-list">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i === 0 ? '' : i === parts.length - 1 ? ' and ' : ', '}
          {part}
        </Fragment>
      ))}{' '}
      left kudos on this work!
    </p>
  );
}
