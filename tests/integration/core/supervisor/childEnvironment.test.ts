import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Supervisor, type SupervisedChild } from '../../../../electron/core/supervisor';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const watchdogPath = join(repoRoot, 'electron/core/supervisor/watchdog.cjs');

/** A child that answers any message with its whole environment, and leaves when its parent does. */
const ENV_REPORTER = [
  'process.on("message", () => process.send(process.env));',
  'process.on("disconnect", () => process.exit(0));',
].join('\n');

const PLANTED = {
  AWS_SECRET_ACCESS_KEY: 'planted-aws-secret',
  AWS_ACCESS_KEY_ID: 'AKIAPLANTED',
  PGPASSWORD: 'planted-pg-password',
  GITHUB_TOKEN: 'ghp_planted',
  NODE_OPTIONS: '--max-old-space-size=64',
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function askEnv(child: SupervisedChild): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the child did not report its environment')), 5_000);
    const listener = child.onMessage((message) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(message as Record<string, string>);
    });
    child.send('env?');
  });
}

describe('sidecar environment (issue 14, finding 10)', () => {
  it('a child does not see credentials planted in the parent, but gets PATH and what its spec passes', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, PLANTED);
    cleanups.push(() => {
      process.env = saved;
    });
    const dir = mkdtempSync(join(tmpdir(), 'hearth-childenv-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const supervisor = new Supervisor({
      runDir: join(dir, 'run'),
      watchdogPath,
      // As the Electron shell does: the platform's own variable for running Node scripts.
      node: { command: process.execPath, env: { ELECTRON_RUN_AS_NODE: '1' } },
      logger: pino({ level: 'silent' }),
    });
    cleanups.push(() => supervisor.dispose());

    const child = await supervisor.start({
      name: 'env-reporter',
      command: process.execPath,
      args: ['-e', ENV_REPORTER],
      env: { HEARTH_S3_SECRET_KEY: 'passed-on-purpose' },
      stdio: 'ipc',
    });
    const env = await askEnv(child);

    for (const name of Object.keys(PLANTED)) expect(env[name], name).toBeUndefined();
    expect(JSON.stringify(env)).not.toMatch(/planted/);
    expect(env.PATH).toBe(process.env.PATH);
    expect(env.HEARTH_S3_SECRET_KEY).toBe('passed-on-purpose');
    expect(env.ELECTRON_RUN_AS_NODE).toBe('1');
  });
});
