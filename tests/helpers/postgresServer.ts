import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** A PostgreSQL server a test started: its address without the password (as Settings hold it) and the password. */
export interface TestPostgres {
  /** `postgres://hearth@127.0.0.1:<port>/postgres` */
  url: string;
  password: string;
  stop(): Promise<void>;
}

/** The newest Debian PostgreSQL server binaries (`postgresql-NN`), or a failure naming the package. */
function serverBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) {
    throw new Error('No PostgreSQL server here: install the Debian package `postgresql` (.ci/run installs it).');
  }
  return join(root, versions[0], 'bin');
}

/** A loopback port free right now (nothing listens on it once this returns). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throwaway PostgreSQL cluster in a temp folder on a free loopback port, with password authentication
 * (scram-sha-256) for the user `hearth`. PostgreSQL refuses to run as root, so as root it runs as the `postgres`
 * user the Debian package creates.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = serverBin();
  const root = await mkdtemp(join(tmpdir(), 'hearth-pg-'));
  const asRoot = userInfo().uid === 0;
  const owner = asRoot ? ids('postgres') : null;
  if (owner) {
    await chmod(root, 0o755);
    chownSync(root, owner.uid, owner.gid);
  }
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const pwfile = join(root, 'pwfile');
  writeFileSync(pwfile, password, { mode: 0o600 });
  if (owner) chownSync(pwfile, owner.uid, owner.gid);
  const data = join(root, 'data');
  const run = (command: string, args: string[]) => {
    const result = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { encoding: 'utf8' })
      : spawnSync(join(bin, command), args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.error?.message}`);
  };
  const port = await freePort();
  try {
    // A UTF-8 locale whatever the caller's LANG: lower() and ILIKE then fold non-ASCII letters, as on a team server.
    run('initdb', [
      '-D',
      data,
      '-U',
      'hearth',
      '--auth=scram-sha-256',
      `--pwfile=${pwfile}`,
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`;
    run('pg_ctl', ['-D', data, '-l', join(root, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://hearth@127.0.0.1:${port}/postgres`,
    password,
    stop: async () => {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      await rm(root, { recursive: true, force: true });
    },
  };
}

function ids(user: string): { uid: number; gid: number } {
  const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (uid.status !== 0)
    throw new Error(`No user ${user}: install the Debian package \`postgresql\`, which creates it.`);
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}
