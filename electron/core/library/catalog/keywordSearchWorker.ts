/**
 * The keyword-search thread: a `node:worker_threads` entry with its own read-only connection to the catalogue file,
 * so a keyword search (milliseconds of FTS5 at 100k passages) runs beside the core's thread instead of blocking it —
 * the query embedding's reply and the vector search go on meanwhile (HybridRetriever). WAL lets this reader see every
 * committed write without ever blocking the writer. Speaks the messages declared in KeywordThread.ts. TypeScript
 * through tsx in tests and development; an esbuild bundle (`keywordWorker.mjs`) in the app and headless shell.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { HearthError, isHearthError } from '../../../shared/errors';
import { KeywordIndex } from './KeywordIndex';
import type { KeywordReply, KeywordRequest } from './KeywordThread';
import { SqliteDatabase } from './sql/SqliteDatabase';

const port = parentPort;
if (!port) throw new Error('keywordSearchWorker must run as a worker thread (KeywordThread starts it).');
const { path } = workerData as { path: string };

const db = new DatabaseSync(path, { readOnly: true });
db.exec('PRAGMA busy_timeout = 5000');
const index = new KeywordIndex(new SqliteDatabase(db));

port.on('message', (request: KeywordRequest) => {
  let reply: KeywordReply;
  try {
    reply = { id: request.id, hits: index.search(request.query, request.options) };
  } catch (error) {
    const data = isHearthError(error)
      ? error.toData()
      : new HearthError('INTERNAL', 'The keyword search failed.', { reason: String(error) }).toData();
    reply = { id: request.id, error: data };
  }
  port.postMessage(reply);
});
port.on('close', () => db.close());
