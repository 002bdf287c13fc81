import { describe, expect, it } from 'vitest';
import { parseCodeQuestion } from '../../../../../electron/core/agents/code/parseCodeQuestion';

describe('parseCodeQuestion', () => {
  it.each([
    ['Where is loadConfig defined?', 'definition', 'loadConfig'],
    ['where is the function load_config defined', 'definition', 'load_config'],
    ['Where is `parse_args()` implemented?', 'definition', 'parse_args'],
    ['Show me the definition of LoadConfig', 'definition', 'LoadConfig'],
    ['What is the implementation of Store.add?', 'definition', 'add'],
    ['What calls `Store.add`?', 'references', 'add'],
    ['usages of Config::new', 'references', 'new'],
    ['Where is renderPage used?', 'references', 'renderPage'],
  ])('reads %j as a %s question about %s', (question, kind, symbol) => {
    expect(parseCodeQuestion(question)).toEqual({ kind, symbol });
  });

  it.each([
    'Where is it defined?',
    'Who repaired the copper lantern?',
    'Where are the apples grown?',
    'What calls for a permit?',
  ])('leaves %j to passage search', (question) => {
    expect(parseCodeQuestion(question)).toBeNull();
  });
});
