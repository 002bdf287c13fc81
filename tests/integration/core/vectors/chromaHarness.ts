import { join } from 'node:path';
import { pino } from 'pino';
import type { ChildStatus } from '../../../../electron/shared/schemas';
import { Supervisor } from '../../../../electron/core/supervisor';
import { ChromaServer, type ChromaServerOptions } from '../../../../electron/core/vectors/ChromaServer';
import { repoRoot, tempDir, watchdogPath } from '../../../helpers/tempCore';

export const chromaCliPath = join(repoRoot, 'node_modules/chromadb/dist/cli.mjs');

/** A real Chroma server under a real Supervisor in a temp app-data dir, with its log lines and status events kept. */
export interface ChromaHarness {
  supervisor: Supervisor;
  server: ChromaServer;
  dataDir: string;
  logs: { msg: string; child?: string; stream?: string }[];
  statuses: ChildStatus[];
  dispose(): Promise<void>;
}

export async function startChroma(overrides: Partial<ChromaServerOptions> = {}): Promise<ChromaHarness> {
  const dir = await tempDir('hearth-chroma-');
  const logs: ChromaHarness['logs'] = [];
  const statuses: ChildStatus[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const supervisor = new Supervisor({
    runDir: join(dir.path, 'run'),
    watchdogPath,
    node: { command: process.execPath },
    logger,
    onStatus: (status) => statuses.push(status),
  });
  try {
    const server = await ChromaServer.start({
      supervisor,
      dataDir: dir.path,
      cliPath: chromaCliPath,
      node: { command: process.execPath },
      ...overrides,
    });
    return {
      supervisor,
      server,
      dataDir: dir.path,
      logs,
      statuses,
      dispose: async () => {
        await supervisor.dispose();
        await dir.remove();
      },
    };
  } catch (error) {
    await supervisor.dispose();
    await dir.remove();
    throw new Error(`Chroma did not start: ${String(error)}\n${logs.map((l) => l.msg).join('\n')}`, { cause: error });
  }
}
