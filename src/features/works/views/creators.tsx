import type { Creator } from '../works.model.ts';

function CreatorLink({ creator }: { creator: Creator }) {
  const href = `/users/${encodeURIComponent(creator.username)}`;
  const label = creator.pseudName === creator.username ? creator.username : `${creator.pseudName} (${creator.username})`;
  return <a rel="author" href={href}>{label}</a>;
}

export function Creators({ creators }: { creators: Creator[] }) {
  if (creators.length === 0) return <span>Anonymous</span>;
  return (
    <>
      {creators.map((creator, index) => (
        <span key={creator.pseudId}>
          {index > 0 ? ', ' : ''}
          <CreatorLink creator={creator} />
        </span>
      ))}
    </>
  );
}
