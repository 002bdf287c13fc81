import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../../helpers/tempCore';

/*
 * The README's run command, as a person types it (`npm start`; `--headless` here because this machine has no
 * display): it builds, starts the headless shell, prints a sign-in link, and that link opens the UI.
 */

let child: ChildProcess | undefined;
let home: Awaited<ReturnType<typeof tempDir>> | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await home?.remove();
});

describe('npm start', () => {
  it('builds, serves the UI on loopback and prints a one-time sign-in link that opens it', async () => {
    home = await tempDir('hearth-start-');
    child = spawn(process.execPath, [join(repoRoot, 'scripts/start.mjs'), '--headless', '--json', '--port', '0'], {
      cwd: repoRoot,
      env: { ...process.env, HEARTH_HOME: home.path },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: child.stdout! });
    const announced = await new Promise<{ url: string; origin: string; dataDir: string }>((resolve, reject) => {
      child!.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${stderr.slice(-2000)}`)));
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
  }, 240_000);
});
