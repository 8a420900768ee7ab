import { formatCount } from '../../../platform/views/format.tsx';
import type { FandomCount } from '../tags.model.ts';
import { TagLink } from './tag-link.tsx';

/** Fandoms as links, each followed by the number of works the reader can see in it. */
export function FandomList({ fandoms }: { fandoms: FandomCount[] }) {
  return (
    <ul class="fandom-index">
      {fandoms.map((fandom) => (
        <li key={fandom.id}>
          <TagLink tag={fandom} /> ({formatCount(fandom.workCount)})
        </li>
      ))}
    </ul>
  );
}
