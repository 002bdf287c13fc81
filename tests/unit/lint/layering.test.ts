import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/tempCore';

const eslint = new ESLint({ cwd: repoRoot });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'hearth/layering').map((m) => m.message);
}

describe('layering lint rule', () => {
  it.each([
    [
      'renderer/src/Bad.ts',
      "import { createCore } from '../../electron/core/createCore';\nexport const x = createCore;",
    ],
    ['renderer/src/Bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;"],
    ['renderer/src/Bad.ts', "import { readFile } from 'node:fs';\nexport const x = readFile;"],
    ['electron/core/Bad.ts', "import { app } from 'electron';\nexport const x = app;"],
    [
      'electron/core/Bad.ts',
      "import { createHeadlessServer } from '../server/createHeadlessServer';\nexport const x = createHeadlessServer;",
    ],
    ['electron/core/Bad.ts', "export { mainWindowOptions } from '../main/windowOptions';"],
    ['electron/shared/Bad.ts', "import pino from 'pino';\nexport const x = pino;"],
    ['electron/shared/Bad.ts', "import { createCore } from '../core/createCore';\nexport const x = createCore;"],
    ['electron/server/Bad.ts', "const e = require('electron');\nexport const x = e;"],
    // The renderer's aliases name folders: '@/' is the renderer, which no other layer may import.
    ['electron/shared/Bad.ts', "import { connection } from '@/ipc/client';\nexport const x = connection;"],
    ['electron/core/Bad.ts', "import { useToastStore } from '@/store/useToastStore';\nexport const x = useToastStore;"],
  ])('fails %s importing across a layer: %s', async (file, code) => {
    const errors = await layeringErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Forbidden import/);
  });

  it.each([
    ['renderer/src/Good.ts', "import { contract } from '../../electron/shared/contract';\nexport const x = contract;"],
    ['renderer/src/Good.ts', "import { contract } from '@shared/contract';\nexport const x = contract;"],
    ['renderer/src/features/a/Good.ts', "import { connection } from '@/ipc/client';\nexport const x = connection;"],
    ['electron/shared/Good.ts', "import { z } from 'zod';\nexport const x = z;"],
    [
      'electron/core/Good.ts',
      "import { contract } from '../shared/contract';\nimport pino from 'pino';\nexport const x = [contract, pino];",
    ],
    [
      'electron/main/Good.ts',
      "import { app } from 'electron';\nimport { createCore } from '../core/createCore';\nexport const x = [app, createCore];",
    ],
  ])('allows %s', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});
