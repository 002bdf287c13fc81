// Child process for the PostgreSQL catalogue test: opens one catalogue when told to, so several open at once.
// Usage: HEARTH_TEST_PG='<pg ClientConfig as JSON>' node --import <tsx loader> catalogOpenChild.ts <schema>
// Prints "ready", waits for a line on stdin, opens the catalogue (migrating it), prints "opened <documents>".
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { Catalog } from '../../../../../electron/core/library/catalog/Catalog';

const [schema] = process.argv.slice(2);
const connection = process.env['HEARTH_TEST_PG'];
if (!schema || !connection) throw new Error('usage: HEARTH_TEST_PG=<json> catalogOpenChild <schema>');

const lines = createInterface({ input: process.stdin });
lines.once('line', () => {
  lines.close();
  // The data dir is not used by a PostgreSQL catalogue.
  const catalog = Catalog.open({ dataDir: tmpdir(), postgres: { connection: JSON.parse(connection), schema } });
  try {
    process.stdout.write(`opened ${catalog.listDocuments().length}\n`);
  } finally {
    catalog.dispose();
  }
});
process.stdout.write('ready\n');
