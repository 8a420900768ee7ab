import type { FieldErrors } from '../../../platform/views/forms.tsx';
import { formatCount } from '../../../platform/views/format.tsx';
import type { RawQuery } from '../../listings/listing.schemas.ts';
import { FieldError, fieldProps } from '../../listings/views/filter-sidebar.tsx';
import type { Facet } from '../bookmarks.model.ts';

const first = (raw: RawQuery, name: string) => raw[name]?.[0] ?? '';

/** The bookmark's own filters inside the works filter sidebar: recs, notes, one of the member's bookmark tags. */
export function BookmarkFilterFields({ raw, errors, bookmarkTags }: { raw: RawQuery; errors: FieldErrors; bookmarkTags: Facet[] }) {
  const chosen = first(raw, 'bookmark_tag').trim();
  // A tag typed into the address that no bookmark has still shows as chosen.
  const options = chosen && !bookmarkTags.some((f) => f.name.toLowerCase() === chosen.toLowerCase()) ? [{ name: chosen, count: 0 }, ...bookmarkTags] : bookmarkTags;
  return (
    <fieldset class="filter-section">
      <legend>Bookmarks</legend>
      <FieldError name="rec" errors={errors} />
      <label class="choice">
        <input type="checkbox" value="1" checked={first(raw, 'rec') === '1'} {...fieldProps('rec', errors)} /> Recs only
      </label>
      <FieldError name="with_notes" errors={errors} />
      <label class="choice">
        <input type="checkbox" value="1" checked={first(raw, 'with_notes') === '1'} {...fieldProps('with_notes', errors)} /> With notes only
      </label>
      <div class="field">
        <label for="field-bookmark_tag">Bookmark tag</label>
        <FieldError name="bookmark_tag" errors={errors} />
        <select {...fieldProps('bookmark_tag', errors)}>
          <option value="">Any bookmark tag</option>
          {options.map((facet) => (
            <option key={facet.name} value={facet.name} selected={facet.name.toLowerCase() === chosen.toLowerCase()}>
              {facet.name} ({formatCount(facet.count)})
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
