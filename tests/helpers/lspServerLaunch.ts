import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** How tests run the language server child: its TypeScript source with tsx. */
export function lspServerLaunch(): { entry: string; execArgv: string[] } {
  return {
    entry: join(repoRoot, 'electron/core/lsp/server/languageServer.ts'),
    execArgv: ['--import', pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href],
  };
}
