import { beforeAll, describe, expect, it } from 'vitest';
import { CodeIndex } from '../../../../electron/core/lsp/server/CodeIndex';
import { Grammars } from '../../../../electron/core/lsp/server/Grammars';
import { LANGUAGE_PLUGINS } from '../../../../electron/core/lsp/server/plugins';
import { positionOf } from '../../../fixtures/code/codeFixtures';

const A = 'file:///w/a.ts';
const B = 'file:///w/b.ts';
const PY = 'file:///w/c.py';
const SOURCE_A = [
  'export function count(items: string[]): number {',
  '  return items.length;',
  '}',
  '',
  'export function tally(words: string[]): number {',
  '  const count = words.length;',
  '  return count * 2;',
  '}',
  '',
].join('\n');
const SOURCE_B = ["import { count } from './a';", '', 'export const total = count(["x"]);', ''].join('\n');
const SOURCE_PY = ['def count(items):', '    return len(items)', ''].join('\n');

let index: CodeIndex;

beforeAll(async () => {
  index = new CodeIndex(await Grammars.load(LANGUAGE_PLUGINS));
  expect(index.set(A, SOURCE_A)).toBe(true);
  expect(index.set(B, SOURCE_B)).toBe(true);
  expect(index.set(PY, SOURCE_PY)).toBe(true);
  expect(index.set('file:///w/notes.txt', 'count')).toBe(false);
});

describe('CodeIndex name resolution', () => {
  it('resolves a local that shadows a global name to the local', () => {
    const use = positionOf(SOURCE_A, 'count * 2');
    expect(index.definition(A, use)).toEqual([
      { uri: A, range: { start: positionOf(SOURCE_A, 'count = '), end: { line: 5, character: 13 } } },
    ]);
  });

  it("leaves the shadowing local out of the global name's references, and other languages too", () => {
    const refs = index.references(B, positionOf(SOURCE_B, 'count(['), true);
    expect(refs.map((r) => [r.uri, r.range.start])).toEqual([
      [A, positionOf(SOURCE_A, 'count(')],
      [B, positionOf(SOURCE_B, 'count }')],
      [B, positionOf(SOURCE_B, 'count([')],
    ]);
  });

  it('forgets a removed file: its definitions no longer answer', () => {
    index.remove(A);
    expect(index.definition(B, positionOf(SOURCE_B, 'count(['))).toEqual([]);
    expect(index.workspaceSymbols('count').map((s) => s.location.uri)).toEqual([PY]);
    index.set(A, SOURCE_A);
    expect(index.definition(B, positionOf(SOURCE_B, 'count(['))).toHaveLength(1);
  });

  it('hovers over a local with its declaring line', () => {
    const hover = index.hover(A, positionOf(SOURCE_A, 'count * 2'));
    expect((hover?.contents as { value: string }).value).toBe('```typescript\nconst count = words.length;\n```');
  });
});
