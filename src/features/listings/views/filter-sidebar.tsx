import type { ComponentChildren } from 'preact';
import { SearchHelp, SEARCH_HINT } from '../../search/views/search-help.tsx';
import { ErrorSummary, type FieldErrors } from '../../../platform/views/forms.tsx';
import { formatCount } from '../../../platform/views/format.tsx';
import { LANGUAGES } from '../../works/languages.ts';
import { TAG_TYPE_LABELS, type WorkTagType } from '../../tags/tags.model.ts';
import { excludeParam, COUNT_LIMIT, FILTER_TAG_TYPES, SORT_LABELS, SORTS, type Facets, type ResolvedTag } from '../listing.model.ts';
import { tagNames, type RawQuery } from '../listing.schemas.ts';

export interface FilterSidebarProps {
  /** Where the form sends its GET: the listing page itself. */
  action: string;
  raw: RawQuery;
  errors: FieldErrors;
  facets: Facets | null;
  tags: ResolvedTag[];
  /** The tag a tag page lists under: always on, so not offered as a facet. */
  pageTagId?: number | undefined;
  /** The sorts offered (the works sorts unless given) and the default one, sent as a blank. */
  sorts?: readonly SortChoice[];
  defaultSort?: string;
  /** A page's own filters (a member's bookmarks), shown after the search field. */
  children?: ComponentChildren;
}

export interface SortChoice {
  key: string;
  label: string;
}

/** The works listings' sorts (date updated is their default). */
export const WORK_SORT_CHOICES: readonly SortChoice[] = SORTS.map((key) => ({ key, label: key === 'best' ? `${SORT_LABELS[key]} (with a search)` : SORT_LABELS[key] }));

const FREE_TYPES: WorkTagType[] = ['fandom', 'character', 'relationship', 'freeform'];
const first = (raw: RawQuery, name: string) => raw[name]?.[0] ?? '';

export function fieldProps(name: string, errors: FieldErrors) {
  const error = errors[name];
  return { id: `field-${name}`, name, ...(error ? { 'aria-invalid': 'true' as const, 'aria-describedby': `field-${name}-error` } : {}) };
}

export function FieldError({ name, errors }: { name: string; errors: FieldErrors }) {
  const error = errors[name];
  return error ? <p class="field-error" id={`field-${name}-error`}>{error}</p> : null;
}

/** One tag type's include (or exclude) choices: the tags already chosen, then the top tags of the results with their counts. */
function TagChoices({ type, param, props, exclude }: { type: WorkTagType; param: string; props: FilterSidebarProps; exclude: boolean }) {
  const chosen = tagNames(props.raw[param]);
  const chosenLower = new Set(chosen.map((n) => n.toLowerCase()));
  const chosenIds = new Set(props.tags.filter((t) => t.type === type && chosenLower.has(t.name.toLowerCase())).map((t) => t.filterId));
  const offered = (props.facets?.byType[type] ?? []).filter((f) => !chosenIds.has(f.id) && f.id !== props.pageTagId && !chosenLower.has(f.name.toLowerCase()));
  const label = TAG_TYPE_LABELS[type].many;
  const free = FREE_TYPES.includes(type);
  if (chosen.length === 0 && offered.length === 0 && !free) return null;
  return (
    <fieldset class="filter-group" aria-describedby={props.errors[param] ? `field-${param}-error` : undefined}>
      <legend>{label}</legend>
      <FieldError name={param} errors={props.errors} />
      {chosen.map((name) => {
        const found = props.tags.find((t) => t.type === type && t.name.toLowerCase() === name.toLowerCase());
        return (
          <label class="choice" key={`c-${name}`}>
            <input type="checkbox" name={param} value={name} checked />{' '}
            <span>
              {name}
              {found?.canonicalName ? <span class="hint"> (same as {found.canonicalName})</span> : null}
              {found && found.filterId === null && !exclude ? <span class="hint"> (no such tag)</span> : null}
            </span>
          </label>
        );
      })}
      {offered.map((facet) => (
        <label class="choice" key={facet.id}>
          <input type="checkbox" name={param} value={facet.name} />{' '}
          <span>
            {facet.name} <span class="facet-count">({formatCount(facet.count)})</span>
          </span>
        </label>
      ))}
      {free ? (
        <div class="field">
          <label for={`field-${param}`}>{exclude ? `Other ${label.toLowerCase()} to exclude` : `Other ${label.toLowerCase()}`}</label>
          <input type="text" id={`field-${param}`} name={param} value="" data-tag-autocomplete={type} autocomplete="off" aria-describedby="filter-commas-hint" />
        </div>
      ) : null}
    </fieldset>
  );
}

function ScalarFields({ raw, errors }: { raw: RawQuery; errors: FieldErrors }) {
  const complete = first(raw, 'complete');
  const crossovers = first(raw, 'crossovers') || 'include';
  return (
    <>
      <fieldset class="filter-group">
        <legend>Completion</legend>
        <FieldError name="complete" errors={errors} />
        {[['', 'All works'], ['yes', 'Complete works only'], ['no', 'Works in progress only']].map(([value, label]) => (
          <label class="choice" key={value}>
            <input type="radio" name="complete" value={value} checked={complete === value} /> {label}
          </label>
        ))}
        <label class="choice">
          <input type="checkbox" name="single_chapter" value="1" checked={first(raw, 'single_chapter') === '1'} /> Single chapter works only
        </label>
      </fieldset>
      <fieldset class="filter-group">
        <legend>Crossovers</legend>
        <FieldError name="crossovers" errors={errors} />
        {[['include', 'Include crossovers'], ['exclude', 'Exclude crossovers'], ['only', 'Only crossovers']].map(([value, label]) => (
          <label class="choice" key={value}>
            <input type="radio" name="crossovers" value={value} checked={crossovers === value} /> {label}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="field-language">Language</label>
        <FieldError name="language" errors={errors} />
        <select {...fieldProps('language', errors)}>
          <option value="">Any language</option>
          {LANGUAGES.map((l) => (
            <option key={l.code} value={l.code} selected={first(raw, 'language') === l.code}>{l.name}</option>
          ))}
        </select>
      </div>
      <fieldset class="filter-group filter-range">
        <legend>Word count</legend>
        {(['words_from', 'words_to'] as const).map((name) => (
          <div class="field" key={name}>
            <label for={`field-${name}`}>{name === 'words_from' ? 'From' : 'To'}</label>
            <FieldError name={name} errors={errors} />
            <input type="text" inputMode="numeric" class="input-short" value={first(raw, name)} {...fieldProps(name, errors)} />
          </div>
        ))}
      </fieldset>
      <fieldset class="filter-group filter-range">
        <legend>Date updated</legend>
        {(['updated_from', 'updated_to'] as const).map((name) => (
          <div class="field" key={name}>
            <label for={`field-${name}`}>{name === 'updated_from' ? 'From' : 'To'}</label>
            <FieldError name={name} errors={errors} />
            <input type="date" value={first(raw, name)} {...fieldProps(name, errors)} />
          </div>
        ))}
      </fieldset>
    </>
  );
}

/**
 * The sort and filter form: a plain GET form, so every state is a URL and it works without
 * JavaScript. On phones it is a <details> sheet the reader opens; on wide screens a sidebar.
 */
export function FilterSidebar(props: FilterSidebarProps) {
  const { raw, errors, facets, action, sorts = WORK_SORT_CHOICES, defaultSort = 'updated' } = props;
  const sort = first(raw, 'sort') || defaultSort;
  return (
    <details class="filter-sheet" open={Object.keys(errors).length > 0 ? true : undefined}>
      <summary>Sort and filter</summary>
      <form method="get" action={action} class="filter-form" aria-label="Sort and filter">
        <ErrorSummary errors={errors} />
        <div class="field">
          <label for="field-sort">Sort by</label>
          <FieldError name="sort" errors={errors} />
          <select {...fieldProps('sort', errors)}>
            {sorts.map(({ key, label }) => (
              <option key={key} value={key === defaultSort ? '' : key} selected={sort === key}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="field-q">Search within results</label>
          <FieldError name="q" errors={errors} />
          <input type="search" value={first(raw, 'q')} {...fieldProps('q', errors)} aria-describedby={errors['q'] ? 'field-q-error field-q-hint' : 'field-q-hint'} />
          <p class="hint" id="field-q-hint">{SEARCH_HINT}</p>
          <SearchHelp />
          <label class="choice">
            <input type="checkbox" name="full_text" value="1" checked={first(raw, 'full_text') === '1'} /> Search the works’ text too
          </label>
        </div>
        {props.children}
        <p class="hint" id="filter-commas-hint">Separate several tags with commas.</p>
        {facets && !facets.exact ? (
          <p class="hint">Tag counts are about: they are counted over {formatCount(COUNT_LIMIT)} of the matching works.</p>
        ) : null}
        <fieldset class="filter-section">
          <legend>Include</legend>
          {FILTER_TAG_TYPES.map((type) => (
            <TagChoices key={type} type={type} param={type} props={props} exclude={false} />
          ))}
        </fieldset>
        <fieldset class="filter-section">
          <legend>Exclude</legend>
          {FILTER_TAG_TYPES.map((type) => (
            <TagChoices key={type} type={type} param={excludeParam(type)} props={props} exclude />
          ))}
        </fieldset>
        <fieldset class="filter-section">
          <legend>More options</legend>
          <ScalarFields raw={raw} errors={errors} />
        </fieldset>
        <p class="filter-buttons">
          <button type="submit">Sort and filter</button> <a href={action}>Clear filters</a>
        </p>
      </form>
    </details>
  );
}
