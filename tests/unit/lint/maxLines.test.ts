import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/tempCore';

const eslint = new ESLint({ cwd: repoRoot });

/** A file of `lines` lines as Prettier leaves it (each ends with a newline), comments and blank lines included. */
function fileOf(lines: number): string {
  const body = Array.from({ length: lines - 1 }, (_, i) =>
    i % 3 === 0 ? '' : i % 3 === 1 ? `// note ${i}` : `x(${i});`,
  );
  return `export const x = (n: number) => n;\n${body.join('\n')}\n`;
}

async function maxLinesErrors(filePath: string, lines: number): Promise<string[]> {
  const [result] = await eslint.lintText(fileOf(lines), { filePath: `${repoRoot}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'max-lines').map((m) => m.message);
}

describe('max-lines lint rule', () => {
  it.each(['electron/core/Big.ts', 'renderer/src/Big.tsx', 'scripts/big.mjs'])(
    'lets %s have 400 lines and fails it at 401, counting blank lines and comments',
    async (path) => {
      expect(await maxLinesErrors(path, 400)).toEqual([]);
      expect(await maxLinesErrors(path, 401)).toEqual([expect.stringContaining('Maximum allowed is 400')]);
    },
  );

  it('lets a test file have 600 lines and fails it at 601', async () => {
    expect(await maxLinesErrors('tests/unit/big.test.ts', 600)).toEqual([]);
    expect(await maxLinesErrors('tests/unit/big.test.ts', 601)).toEqual([
      expect.stringContaining('Maximum allowed is 600'),
    ]);
  });
});
