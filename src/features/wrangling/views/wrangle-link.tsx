import type { PageContext } from '../../../platform/views/page-context.ts';
import { SYSTEM_TAG_TYPES, tagPath, type Tag } from '../../tags/tags.model.ts';
import { wranglingPolicy } from '../wrangling.policy.ts';

/** A tag's wrangle screen: `/tags/fandom/Star%20Trek/wrangle`. */
export const wranglePath = (tag: Pick<Tag, 'type' | 'name'>) => `${tagPath(tag.type, tag.name)}/wrangle`;

/** "Wrangle this tag", for wranglers and admins on a tag page; fixed system tags have nothing to wrangle. */
export function WrangleLink({ ctx, tag }: { ctx: PageContext; tag: Pick<Tag, 'type' | 'name'> }) {
  if (!wranglingPolicy.can(ctx.viewer, 'wrangle', null)) return null;
  if ((SYSTEM_TAG_TYPES as readonly string[]).includes(tag.type)) return null;
  return (
    <p class="wrangle-link">
      <a href={wranglePath(tag)}>Wrangle this tag</a>
    </p>
  );
}
