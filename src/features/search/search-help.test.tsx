import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { parseTextQuery } from './text-search.ts';
import { SearchHelp } from './views/search-help.tsx';

describe('SearchHelp', () => {
  it('renders a details element that opens without script, and every example in it parses as it says', () => {
    const html = renderToString(<SearchHelp />);
    assert.match(html, /^<details class="search-help" id="search-help"><summary>How to search<\/summary>/);
    assert.deepEqual(parseTextQuery('-"major character death"'), { clauses: [], excluded: [{ kind: 'phrase', text: 'major character death' }] });
    assert.deepEqual(parseTextQuery('wizard OR witch')?.clauses.length, 1);
    assert.deepEqual(parseTextQuery('"slow burn"')?.clauses, [[{ kind: 'phrase', text: 'slow burn' }]]);
  });
});
