import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Tag } from '../../tags/tags.model.ts';
import { isWrangleable, wranglePath } from '../tag-wrangle.model.ts';
import { wranglingPolicy } from '../wrangling.policy.ts';

/** "Wrangle this tag", for wranglers and admins on a tag page; fixed tags have nothing to wrangle. */
export function WrangleLink({ ctx, tag }: { ctx: PageContext; tag: Pick<Tag, 'type' | 'name'> }) {
  if (!wranglingPolicy.can(ctx.viewer, 'wrangle', null)) return null;
  if (!isWrangleable(tag)) return null;
  return (
    <p class="wrangle-link">
      <a href={wranglePath(tag)}>Wrangle this tag</a>
    </p>
  );
}
