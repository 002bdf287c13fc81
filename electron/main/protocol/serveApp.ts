import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { appResponse } from './appResponse';
import { APP_SCHEME } from './appScheme';

/** Serves the UI from `app://hearth/` (see appScheme.ts). Call after `ready`. */
export function serveApp(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request, { rendererDir, readFile: (path) => readFile(path) }));
}
