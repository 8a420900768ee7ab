import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SuggestedWarning } from '../importing.model.ts';
import { suggestWarnings } from './warnings.ts';

const warn = (...paragraphs: string[]): SuggestedWarning[] =>
  suggestWarnings({ notes: [], chapters: [{ title: null, blocks: paragraphs.map((text) => ({ kind: 'prose', text })) }] });
const names = (...paragraphs: string[]) => warn(...paragraphs).map((w) => w.name);

describe('warning suggestions', () => {
  it('suggests each category with the sentences that triggered it', () => {
    const suicide = warn('He sat on the bed for a long time. Then he swallowed a handful of pills and lay down to wait.');
    assert.deepEqual(suicide, [{ name: 'Suicide Attempt', evidence: ['Then he swallowed a handful of pills and lay down to wait.'] }]);
    assert.deepEqual(names('The scars on her forearms were old. She had started cutting herself again in the spring.'), ['Self-Harm']);
    assert.deepEqual(names('He stabbed him twice. Blood pooled on the tiles and the man screamed in agony as his ribs cracked. Bones snapped.'), ['Graphic Depictions Of Violence']);
    assert.deepEqual(names('The monitor flatlined. She was dead before the doctors arrived. At her funeral, nobody spoke.'), ['Major Character Death']);
    assert.deepEqual(names('They made love slowly. Afterwards, she lay naked beside him, still trembling from the orgasm.'), ['Sexual Content']);
    assert.deepEqual(names('Her stepfather hit her again that night, and she hid the bruises under long sleeves. It was abuse, plain and simple.'), ['Abuse']);
  });

  it('reads explicit warnings in the notes', () => {
    const result = suggestWarnings({ notes: ['A/N: Warning for major character death and mentions of suicide.'], chapters: [] });
    assert.deepEqual(result.map((w) => w.name), ['Suicide Attempt', 'Major Character Death']);
  });

  it('does not flag idioms', () => {
    const benign = [
      'He gave her a killer smile across the café, and she forgot her order.',
      "I'm dying to see the new film, honestly, and you're killing it with that outfit.",
      'I could kill for a coffee right now. Mum is going to kill me when she sees the kitchen.',
      'She was drop-dead gorgeous in the blue dress, and he was dead serious about asking her to dance.',
      'The deadline was at noon, and they were bored to death in the meeting, laughing about the dead end of the plot.',
      'She shot him a look and stabbed at her salad. Her blood pressure was fine, the doctor said.',
      'He cut her off mid-sentence and then hit on the barista, who beat him at chess anyway.',
    ];
    assert.deepEqual(names(...benign), []);
  });

  it('does not flag negated phrases', () => {
    assert.deepEqual(names("He didn't kill himself. He wasn't dead; he was not dead at all. She never thought about suicide, not once."), []);
  });

  it('does not flag a sweet love story or a single mention', () => {
    const love = [
      'They met at the bakery on a Tuesday, and by Friday she knew she was in trouble. He had flour on his nose and a laugh that filled the room.',
      'Her grandmother had died years ago, but the recipe book was still on the shelf, full of notes in her looping handwriting.',
      'He kissed her by the river as the sun went down, and she thought that if the world ended right then, she would not mind at all.',
      'The film reached its climax and the whole cinema gasped.',
    ];
    assert.deepEqual(names(...love), []);
  });

  it('leaves lyrics out', () => {
    const result = suggestWarnings({ notes: [], chapters: [{ title: null, blocks: [{ kind: 'lyrics', lines: ['I want to die in your arms tonight', 'Suicide of the heart', 'Kill myself with love'] }] }] });
    assert.deepEqual(result, []);
  });
});
