import { TAG_TYPE_LABELS, type TagType, type WorkTagType, type WorkTags } from '../tags.model.ts';
import { TagLink } from './tag-link.tsx';

const RATING_SYMBOLS: Record<string, { symbol: string; css: string }> = {
  'Not Rated': { symbol: 'NR', css: 'rating-none' },
  'General Audiences': { symbol: 'G', css: 'rating-general' },
  'Teen And Up Audiences': { symbol: 'T', css: 'rating-teen' },
  Mature: { symbol: 'M', css: 'rating-mature' },
  Explicit: { symbol: 'E', css: 'rating-explicit' },
};

function warningSymbol(warnings: string[]): { symbol: string; css: string; text: string } {
  const specific = warnings.filter((w) => w !== 'No Archive Warnings Apply' && w !== 'Creator Chose Not To Use Archive Warnings');
  if (specific.length > 0) return { symbol: '!', css: 'warning-yes', text: specific.join(', ') };
  if (warnings.includes('Creator Chose Not To Use Archive Warnings')) return { symbol: '?', css: 'warning-unknown', text: 'Creator Chose Not To Use Archive Warnings' };
  return { symbol: '–', css: 'warning-no', text: 'No Archive Warnings Apply' };
}

function Symbol({ symbol, css, text }: { symbol: string; css: string; text: string }) {
  return (
    <li>
      <span class={`symbol ${css}`} title={text} aria-hidden="true">{symbol}</span>
      <span class="visually-hidden">{text}</span>
    </li>
  );
}

/** AO3's four squares on a blurb: rating, warnings, category, and complete or in progress. */
export function RequiredTags({ tags, complete }: { tags: WorkTags; complete: boolean }) {
  const rating = tags.rating[0] ?? 'Not Rated';
  const ratingSymbol = RATING_SYMBOLS[rating] ?? { symbol: 'NR', css: 'rating-none' };
  const categories = tags.category;
  const category = categories.length === 0 ? { symbol: '–', text: 'No category' } : categories.length === 1 ? { symbol: categories[0]!, text: categories[0]! } : { symbol: 'Mix', text: categories.join(', ') };
  return (
    <ul class="required-tags" aria-label="Rating, warnings, category and status">
      <Symbol symbol={ratingSymbol.symbol} css={ratingSymbol.css} text={rating} />
      <Symbol {...warningSymbol(tags.warning)} />
      <Symbol symbol={category.symbol} css="category" text={category.text} />
      <Symbol symbol={complete ? '✓' : 'WIP'} css={complete ? 'complete-yes' : 'complete-no'} text={complete ? 'Complete Work' : 'Work in Progress'} />
    </ul>
  );
}

function TagItems({ names, type }: { names: string[]; type: TagType }) {
  return (
    <>
      {names.map((name) => (
        <li key={`${type}:${name}`} class={`tag tag-${type}`}>
          <TagLink tag={{ type, name }} />
        </li>
      ))}
    </>
  );
}

/** The tag line of a blurb: warnings first, then relationships, characters and additional tags. */
export function BlurbTags({ tags }: { tags: WorkTags }) {
  const warnings = tags.warning.filter((w) => w !== 'No Archive Warnings Apply');
  if (warnings.length + tags.relationship.length + tags.character.length + tags.freeform.length === 0) return null;
  return (
    <ul class="tags commas" aria-label="Tags">
      <TagItems names={warnings} type="warning" />
      <TagItems names={tags.relationship} type="relationship" />
      <TagItems names={tags.character} type="character" />
      <TagItems names={tags.freeform} type="freeform" />
    </ul>
  );
}

export function FandomLine({ tags }: { tags: WorkTags }) {
  if (tags.fandom.length === 0) return null;
  return (
    <p class="fandoms">
      <span class="visually-hidden">Fandoms: </span>
      {tags.fandom.map((name, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <TagLink key={name} tag={{ type: 'fandom', name }} />
        </>
      ))}
    </p>
  );
}

const BLOCK_ORDER: WorkTagType[] = ['rating', 'warning', 'category', 'fandom', 'relationship', 'character', 'freeform'];

/** The full tag block at the top of a work page. */
export function WorkTagBlock({ tags, extra }: { tags: WorkTags; extra?: { label: string; value: string }[] }) {
  return (
    <dl class="work-meta">
      {BLOCK_ORDER.filter((type) => tags[type].length > 0).map((type) => (
        <>
          <dt key={`${type}-dt`}>{tags[type].length === 1 ? TAG_TYPE_LABELS[type].one : TAG_TYPE_LABELS[type].many}:</dt>
          <dd key={`${type}-dd`}>
            <ul class="tags commas">
              <TagItems names={tags[type]} type={type} />
            </ul>
          </dd>
        </>
      ))}
      {(extra ?? []).map((item) => (
        <>
          <dt key={`${item.label}-dt`}>{item.label}:</dt>
          <dd key={`${item.label}-dd`}>{item.value}</dd>
        </>
      ))}
    </dl>
  );
}
