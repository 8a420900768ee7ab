import { tagPath, type Tag } from '../tags.model.ts';

export function TagLink({ tag }: { tag: Pick<Tag, 'type' | 'name'> }) {
  return (
    <a class="tag-link" href={tagPath(tag.type, tag.name)}>
      {tag.name}
    </a>
  );
}
