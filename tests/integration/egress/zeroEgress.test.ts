import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findEgress } from '../../helpers/findEgress';
import { repoRoot, tempDir } from '../../helpers/tempCore';

/**
 * The "nothing leaves your computer" check. Hearth runs in a network namespace that has only a loopback interface
 * (`unshare -rn`), so nothing can leave even by accident, and under `strace -f`, which records every connect/sendto
 * of the headless shell and of every child (the inference worker, Chroma's native server, the S3 server) — native code
 * included, which no in-process hook would see. The test fails on any attempt to reach an address off this machine
 * and on any DNS query.
 */
const TOOLS = ['strace', 'unshare', 'ip'];
let dir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  for (const tool of TOOLS) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
    if (!found) throw new Error(`The zero-egress test needs "${tool}" (Debian packages strace, util-linux, iproute2).`);
  }
  dir = await tempDir('hearth-egress-');
});

afterAll(async () => {
  await dir?.remove();
});

/** Runs egressRun.ts in an empty network namespace under strace; returns its exit status and the attempts seen. */
async function runIsolated(name: string, args: string[] = []) {
  const workDir = join(dir.path, name);
  const trace = join(dir.path, `${name}.strace`);
  const script = join(repoRoot, 'tests/integration/egress/egressRun.ts');
  const inner = ['ip link set lo up', `exec "$0" --import tsx "$@"`].join(' && ');
  const run = await new Promise<{ status: number | null; output: string }>((resolve, reject) => {
    const child = spawn(
      'strace',
      [
        ...['-f', '--seccomp-bpf', '-qq', '-e', 'trace=connect,sendto,sendmsg', '-o', trace],
        ...['unshare', '-rn', 'sh', '-c', inner, process.execPath, script, workDir, ...args],
      ],
      { cwd: repoRoot, env: { ...process.env, HEARTH_HOME: join(workDir, 'home') }, timeout: 240_000 },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
  const { egress, loopback } = findEgress(await readFile(trace, 'utf8'));
  return { status: run.status, output: run.output, attempts: egress, loopback };
}

describe('zero egress', () => {
  it("the headless shell's first start, an ingest and an answer reach nothing off this machine", async () => {
    const { status, output, attempts, loopback } = await runIsolated('clean');
    expect(status, output).toBe(0);
    expect(output).toContain('answered:');
    // The trace saw the shell talk to its sidecars and the client to the shell over loopback, so an empty list means something.
    expect(loopback).toBeGreaterThan(10);
    expect(attempts).toEqual([]);
  }, 240_000);

  it('catches a planted outbound call from a process and from its child', async () => {
    const { status, output, attempts } = await runIsolated('planted', ['--plant']);
    expect(status, output).toBe(0);
    const targets = attempts.map((a) => `${a.address}:${a.port}`);
    expect(targets).toContain('198.51.100.7:80');
    expect(targets).toContain('203.0.113.9:443');
  }, 240_000);
});
