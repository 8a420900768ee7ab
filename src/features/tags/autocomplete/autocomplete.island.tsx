/**
 * Browser code (bundled by platform/http/assets.ts): tag suggestions on comma-separated tag
 * fields. The server renders a plain text input with `data-tag-autocomplete="<type>"`; this
 * turns it into an ARIA 1.2 combobox with a listbox of suggestions for the last, partly typed
 * tag. Without JavaScript the input stays a plain text field. Import nothing server-side here.
 */
import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

interface Suggestion {
  name: string;
  type: string;
  canonical: boolean;
  synonymOf: string | null;
  uses: number;
}

const DEBOUNCE_MS = 200;
const MIN_CHARS = 2;
const SEPARATOR = /[,，、]/g;

/** Splits "Foo, Sher" into the finished part ("Foo,") and the tag being typed ("Sher"). */
export function splitLastTag(value: string): { head: string; partial: string } {
  let cut = -1;
  for (const match of value.matchAll(SEPARATOR)) cut = match.index;
  return { head: value.slice(0, cut + 1), partial: value.slice(cut + 1).trim() };
}

/** The field's value once `name` replaces the tag being typed: "Foo, Sherlock Holmes, ". */
export function withChosenTag(value: string, name: string): string {
  const { head } = splitLastTag(value);
  return `${head === '' ? '' : `${head.trimEnd()} `}${name}, `;
}

async function fetchSuggestions(type: string, q: string, signal: AbortSignal): Promise<Suggestion[]> {
  const response = await fetch(`/tags/autocomplete?${new URLSearchParams({ type, q })}`, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) return [];
  const body = (await response.json()) as { suggestions?: Suggestion[] };
  return body.suggestions ?? [];
}

function statusText(count: number): string {
  if (count === 0) return 'No suggestions.';
  return `${count} ${count === 1 ? 'suggestion' : 'suggestions'}. Use the up and down arrow keys to choose.`;
}

function Option({ id, suggestion, active, onChoose }: { id: string; suggestion: Suggestion; active: boolean; onChoose: () => void }) {
  return (
    <li
      id={id}
      role="option"
      aria-selected={active ? 'true' : 'false'}
      class={active ? 'tag-suggestion tag-suggestion-active' : 'tag-suggestion'}
      // Keep the focus in the input, so the click lands and typing can go on.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onChoose}
    >
      <span class="tag-suggestion-name">{suggestion.name}</span>
      {suggestion.synonymOf ? <span class="tag-suggestion-note"> (synonym of {suggestion.synonymOf})</span> : null}
      <span class="tag-suggestion-note"> · {suggestion.uses} {suggestion.uses === 1 ? 'work' : 'works'}</span>
    </li>
  );
}

function TagSuggestions({ input, type }: { input: HTMLInputElement; type: string }) {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const listId = `${input.id}-suggestions`;
  const optionId = (index: number) => `${listId}-${index}`;
  const open = suggestions.length > 0;
  // Handlers attached once read the latest state through this ref.
  const state = useRef({ suggestions, active });
  state.current = { suggestions, active };

  const close = () => {
    setSuggestions([]);
    setActive(-1);
  };

  const choose = (suggestion: Suggestion) => {
    input.value = withChosenTag(input.value, suggestion.name);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    close();
    setStatus(`${suggestion.name} added.`);
  };

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending: AbortController | undefined;
    const onInput = () => {
      clearTimeout(timer);
      pending?.abort();
      const { partial } = splitLastTag(input.value);
      // One letter matches too many tags to be useful (and to rank cheaply): wait for two.
      if (partial.length < MIN_CHARS) return close();
      timer = setTimeout(() => {
        pending = new AbortController();
        fetchSuggestions(type, partial, pending.signal).then(
          (found) => {
            setSuggestions(found);
            setActive(-1);
            setStatus(statusText(found.length));
          },
          () => undefined, // aborted by newer typing, or offline: the field still works as plain text
        );
      }, DEBOUNCE_MS);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        clearTimeout(timer); // a request still waiting must not reopen the list
        pending?.abort();
      }
      const { suggestions: list, active: current } = state.current;
      if (list.length === 0) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        // -1 is the input itself: moving past either end goes back to it.
        const next = current + (event.key === 'ArrowDown' ? 1 : -1);
        setActive(next >= list.length ? -1 : next < -1 ? list.length - 1 : next);
      } else if (event.key === 'Enter' && current >= 0) {
        event.preventDefault(); // choosing a suggestion must not submit the form
        const chosen = list[current];
        if (chosen) choose(chosen);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        close();
      }
    };
    const onBlur = () => close();
    input.addEventListener('input', onInput);
    input.addEventListener('keydown', onKeyDown);
    input.addEventListener('blur', onBlur);
    return () => {
      clearTimeout(timer);
      pending?.abort();
      input.removeEventListener('input', onInput);
      input.removeEventListener('keydown', onKeyDown);
      input.removeEventListener('blur', onBlur);
    };
  }, [input, type]);

  // The input is server-rendered: keep its combobox state in step by hand.
  // In the same commit as the listbox, not after paint: the combobox must never name an option
  // that is no longer the highlighted one (a screen reader, or a quick test, would read it).
  useLayoutEffect(() => {
    input.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open && active >= 0) input.setAttribute('aria-activedescendant', optionId(active));
    else input.removeAttribute('aria-activedescendant');
  });

  return (
    <>
      <ul id={listId} role="listbox" aria-label={`Suggestions for ${input.labels?.[0]?.textContent ?? 'this field'}`} class="tag-suggestions" hidden={!open}>
        {suggestions.map((suggestion, index) => (
          <Option key={`${suggestion.name}`} id={optionId(index)} suggestion={suggestion} active={index === active} onChoose={() => choose(suggestion)} />
        ))}
      </ul>
      <p class="visually-hidden" role="status" aria-live="polite">{status}</p>
    </>
  );
}

/** Enhances every `input[data-tag-autocomplete]` under `root`. */
export function mountTagAutocomplete(root: ParentNode): void {
  for (const input of root.querySelectorAll<HTMLInputElement>('input[data-tag-autocomplete]')) {
    const type = input.dataset.tagAutocomplete;
    if (!type || !input.id) continue;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', `${input.id}-suggestions`);
    input.setAttribute('autocomplete', 'off');
    const host = document.createElement('div');
    host.className = 'tag-autocomplete';
    input.insertAdjacentElement('afterend', host);
    render(<TagSuggestions input={input} type={type} />, host);
  }
}
