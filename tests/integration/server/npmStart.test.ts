import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { descendantsOf, stillRunning, type ProcessInfo } from '../../../scripts/orphans.mjs';
import { repoRoot, tempDir, waitFor } from '../../helpers/tempCore';

/*
 * The README's run command, as a person types it (`npm start`; `--headless` here because this machine has no
 * display): it builds, starts the headless shell, prints a sign-in link, and that link opens the UI. Stopped as a
 * service manager stops it (SIGTERM), it takes the shell, Chroma and the S3 server with it.
 */

/** Every `npm start` begun here; whichever a failed test leaves running is stopped after the file. */
const children: ChildProcess[] = [];
let home: Awaited<ReturnType<typeof tempDir>> | undefined;
/** Every process seen in the trees of those: whatever of it a failed test leaves is killed after the file. */
const seen = new Map<string, ProcessInfo>();

/** The descendants of `pid` now, remembered for the clean-up. */
function treeOf(pid: number): ProcessInfo[] {
  const tree = descendantsOf(pid);
  for (const p of tree) seen.set(`${p.pid}@${p.start}`, p);
  return tree;
}

afterAll(async () => {
  for (const child of children.filter((c) => c.exitCode === null && c.signalCode === null)) {
    treeOf(child.pid!);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  // With what they started since they were seen: a stray npm start may have gone on to the next step meanwhile.
  const strays = [...seen.values()].filter(stillRunning);
  for (const p of new Set([...strays, ...strays.flatMap((s) => descendantsOf(s.pid))].map((p) => p.pid))) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // ESRCH: it went by itself meanwhile
    }
  }
  await home?.remove();
});

/** A process of the tree running `script` itself, not the watchdog that wraps it (whose arguments name it too). */
const running = (script: string) => (p: ProcessInfo) => p.command.includes(script) && !p.command.includes('watchdog');

/** `npm start -- --headless --json --port 0`: npm itself, as a person or a service manager runs it. */
function npmStart(options: SpawnOptions): ChildProcess {
  const child = spawn('npm', ['start', '--', '--headless', '--json', '--port', '0'], { cwd: repoRoot, ...options });
  children.push(child);
  return child;
}

/** Sends SIGTERM and resolves with the exit code (128+signal for a death by signal, as a shell reports it). */
function stopWithSigterm(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ? 128 + constants.signals[signal] : code)),
  );
  child.kill('SIGTERM');
  return exited;
}

describe('npm start', () => {
  it('stopped with SIGTERM while it builds, stops the build and exits 143', async () => {
    const child = npmStart({ stdio: 'ignore' });
    let tree: ProcessInfo[] = [];
    await waitFor(
      'the build to run vite',
      () => {
        tree = treeOf(child.pid!);
        return tree.some((p) => p.command.includes('scripts/build.mjs')) && tree.some(running('vite'));
      },
      60_000,
    );

    expect(await stopWithSigterm(child)).toBe(128 + constants.signals.SIGTERM);
    expect(tree.filter(stillRunning).map((p) => `${p.pid} ${p.command}`)).toEqual([]);
  }, 120_000);

  it('builds, serves the UI on loopback and prints a one-time sign-in link that opens it; SIGTERM stops it all', async () => {
    home = await tempDir('hearth-start-');
    const child = npmStart({ env: { ...process.env, HEARTH_HOME: home.path }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: child.stdout! });
    const announced = await new Promise<{ url: string; origin: string; dataDir: string }>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${stderr.slice(-2000)}`)));
      lines.on('line', (line) => {
        if (line.startsWith('{')) resolve(JSON.parse(line) as { url: string; origin: string; dataDir: string });
      });
    });
    expect(announced.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(announced.dataDir).toBe(home.path);

    const signIn = await fetch(announced.url, { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^hearth_session=/);
    const page = await fetch(`${announced.origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root"');
    const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    expect((await fetch(new URL(script!, `${announced.origin}/`), { headers: { cookie } })).status).toBe(200);
    // The link works once.
    expect((await fetch(announced.url, { redirect: 'manual' })).status).toBe(401);

    // Its stdin closing (a service started with < /dev/null) is no reason to stop.
    child.stdin!.end();
    await new Promise((r) => setTimeout(r, 500));
    expect((await fetch(`${announced.origin}/`, { headers: { cookie } })).status).toBe(200);

    let tree: ProcessInfo[] = [];
    await waitFor(
      'the shell to run Chroma and the S3 server',
      () => {
        tree = treeOf(child.pid!);
        return tree.some(running('chromadb')) && tree.some(running('devS3Server'));
      },
      60_000,
    );
    const shell = tree.find((p) => p.command.includes('dist/server/main.mjs'));
    expect(shell).toBeDefined();

    // The shell's own exit code: it stops cleanly on SIGTERM.
    expect(await stopWithSigterm(child)).toBe(0);
    expect(tree.filter(stillRunning).map((p) => `${p.pid} ${p.command}`)).toEqual([]);
  }, 240_000);
});
