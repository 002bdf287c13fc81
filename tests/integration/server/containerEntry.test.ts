import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { descendantsOf, stillRunning, type ProcessInfo } from '../../../scripts/orphans.mjs';
import { envOf, finalStage, healthcheckCommand, readDockerfile } from '../../helpers/dockerfile';
import { repoRoot, tempDir, waitFor } from '../../helpers/tempCore';

/*
 * No Docker engine runs here, so this runs the image's own entry the way the image would: the Dockerfile's
 * ENTRYPOINT + CMD and its ENV, from the built bundle (WORKDIR /app holds dist/ as the repository does), with no
 * Secret Service and secrets and settings from mounted files (HEARTH_*_FILE). Only the bind address and ports change:
 * tests bind loopback on free ports. The GitHub workflow builds the real image and runs it in kind.
 */

const runtime = finalStage(readDockerfile());
const API_KEY = `hk_test_${'k'.repeat(40)}`;
const PROBE_HOST = '10.244.0.7:8443'; // what kubelet sends: the pod's address, not a served name

let shell: ChildProcess | undefined;
let home: Awaited<ReturnType<typeof tempDir>> | undefined;
let env: Record<string, string> = {};
let tree: ProcessInfo[] = [];
let stdout = '';
let stderr = '';

/** An https GET that accepts the shell's self-signed certificate (the request never leaves this machine). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, rejectUnauthorized: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The image's command with this machine's Node, loopback and free ports. */
function entryCommand(): string[] {
  const entry = runtime.find((i) => i.keyword === 'ENTRYPOINT')?.exec ?? [];
  const cmd = [...(runtime.find((i) => i.keyword === 'CMD')?.exec ?? [])];
  const set = (flag: string, value: string) => {
    const at = cmd.indexOf(flag);
    if (at < 0) throw new Error(`the Dockerfile's CMD has no ${flag}`);
    cmd[at + 1] = value;
  };
  set('--host', '127.0.0.1');
  set('--port', '0');
  set('--grpc-port', '0');
  return [...entry, ...cmd];
}

const healthcheck = () => {
  const [, ...args] = healthcheckCommand(runtime) ?? [];
  return spawnSync(process.execPath, args, { cwd: repoRoot, env, encoding: 'utf8', timeout: 20_000 });
};

beforeAll(async () => {
  for (const built of ['dist/server/main.mjs', 'dist/server/healthcheck.mjs']) {
    if (!existsSync(join(repoRoot, built))) {
      throw new Error(`${built} is missing: build the server first (npm run build, or node scripts/build.mjs server).`);
    }
  }
  home = await tempDir('hearth-container-');
  const secrets = join(home.path, 'secrets');
  await mkdir(secrets, { recursive: true });
  await writeFile(join(secrets, 'api-keys'), `${API_KEY} chat CI smoke test\n`, { mode: 0o600 });
  await writeFile(join(secrets, 'settings.json'), JSON.stringify({ answers: { sources: 4 } }));
  const image = envOf(runtime);
  env = {
    ...image,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HEARTH_HOME: join(home.path, 'data'),
    HOME: join(home.path, 'data'),
    HEARTH_API_KEYS_FILE: join(secrets, 'api-keys'),
    HEARTH_SETTINGS_FILE: join(secrets, 'settings.json'),
  };
  const [, script, ...args] = entryCommand();
  shell = spawn(process.execPath, [script!, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  shell.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  shell.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const child = shell;
  await waitFor(
    'the image entry to print its sign-in line',
    () => {
      if (child.exitCode !== null) throw new Error(`the entry exited with ${child.exitCode}: ${stderr.slice(-2000)}`);
      return stdout.includes('"url"');
    },
    60_000,
  );
}, 90_000);

afterAll(async () => {
  if (shell && shell.exitCode === null && shell.signalCode === null) {
    tree = [...tree, ...descendantsOf(shell.pid!)];
    shell.kill('SIGKILL');
  }
  for (const p of tree.filter(stillRunning)) process.kill(p.pid, 'SIGKILL');
  await home?.remove();
});

describe("the container image's entry command", () => {
  it('serves https, answers liveness and readiness probes whatever Host they send, and the HEALTHCHECK passes', async () => {
    const announced = JSON.parse(stdout.split('\n').find((l) => l.includes('"url"'))!) as { origin: string };
    expect(announced.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const address = JSON.parse(await readFile(join(env.HEARTH_HOME!, 'run/gateway.json'), 'utf8')) as {
      origin: string;
    };
    expect(address.origin).toBe(announced.origin);
    expect(await get(`${address.origin}/healthz`, { host: PROBE_HOST })).toEqual({
      status: 200,
      body: JSON.stringify({ ok: true, state: 'ready' }),
    });
    expect(await get(`${address.origin}/readyz`, { host: PROBE_HOST })).toEqual({
      status: 200,
      body: JSON.stringify({ ready: true, state: 'ready' }),
    });
    // Everything else still refuses a Host it does not serve.
    expect((await get(`${address.origin}/api/health`, { host: PROBE_HOST })).status).toBe(421);
    const check = healthcheck();
    expect(check.status, check.stderr).toBe(0);
  });

  it('takes its gateway keys and settings from the files HEARTH_*_FILE name; with no keychain its own secrets go to a 0600 file', async () => {
    const { origin } = JSON.parse(await readFile(join(env.HEARTH_HOME!, 'run/gateway.json'), 'utf8')) as {
      origin: string;
    };
    const models = await get(`${origin}/v1/models`, { authorization: `Bearer ${API_KEY}` });
    expect(models.status, models.body).toBe(200);
    expect(JSON.parse(models.body)).toMatchObject({ object: 'list' });
    expect((await get(`${origin}/v1/models`, { authorization: `Bearer hk_test_${'x'.repeat(40)}` })).status).toBe(401);
    const settings = JSON.parse(await readFile(join(env.HEARTH_HOME!, 'settings.json'), 'utf8')) as {
      answers: { sources: number };
    };
    expect(settings.answers.sources).toBe(4);
    // No Secret Service in a container: Hearth's own secrets (the audit key) go to a 0600 file in /data.
    const fallback = await stat(join(env.HEARTH_HOME!, 'secrets.insecure.json'));
    expect(fallback.mode & 0o777).toBe(0o600);
  });

  it('on SIGTERM fails readiness at once, keeps answering through the shutdown delay, then exits 0 leaving no child', async () => {
    const { origin } = JSON.parse(await readFile(join(env.HEARTH_HOME!, 'run/gateway.json'), 'utf8')) as {
      origin: string;
    };
    tree = descendantsOf(shell!.pid!);
    const exited = new Promise<number | null>((resolve) => shell!.once('exit', (code) => resolve(code)));
    shell!.kill('SIGTERM');
    await waitFor(
      'readiness to fail',
      async () => (await get(`${origin}/readyz`, { host: PROBE_HOST })).status === 503,
      4_000,
    );
    expect(await get(`${origin}/readyz`, { host: PROBE_HOST })).toEqual({
      status: 503,
      body: JSON.stringify({ ready: false, state: 'draining' }),
    });
    expect((await get(`${origin}/healthz`, { host: PROBE_HOST })).status).toBe(200);
    expect(await exited).toBe(0);
    expect(tree.filter(stillRunning).map((p) => `${p.pid} ${p.command}`)).toEqual([]);
    const check = healthcheck();
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/^unhealthy: /);
  }, 60_000);
});
