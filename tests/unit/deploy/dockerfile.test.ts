import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envOf, finalStage, healthcheckCommand, readDockerfile } from '../../helpers/dockerfile';
import { repoRoot } from '../../helpers/tempCore';

const instructions = readDockerfile();
const runtime = finalStage(instructions);
const buildScript = readFileSync(join(repoRoot, 'scripts/build.mjs'), 'utf8');

/** `name:tag` or `name@sha256:…` with a tag that names a version (digits), never `latest` or a bare name. */
const pinned = (image: string) => /@sha256:[0-9a-f]{64}$/.test(image) || /:[^/:@]*\d[^/:@]*$/.test(image);

describe('the container image (Dockerfile)', () => {
  it('builds in one stage and runs from another, on a pinned base image', () => {
    const args = Object.fromEntries(
      instructions.filter((i) => i.keyword === 'ARG').map((i) => i.args.split('=') as [string, string]),
    );
    const froms = instructions.filter((i) => i.keyword === 'FROM');
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) {
      const image = (from.args.split(/\s+/)[0] ?? '').replace(/^\$\{(\w+)\}$/, (_, name: string) => args[name] ?? '');
      expect(pinned(image), `FROM ${from.args} (line ${from.line}) must name a version or digest`).toBe(true);
    }
    expect(froms[0]!.args).toMatch(/\sAS\s+build$/i);
    // The runtime stage takes the build's output, never the build context itself (no sources, no dev tools).
    expect(runtime.filter((i) => i.keyword === 'COPY').every((i) => i.args.startsWith('--from=build '))).toBe(true);
    expect(runtime.some((i) => i.keyword === 'COPY' && i.args.includes('/src/dist/server'))).toBe(true);
    expect(instructions.some((i) => i.keyword === 'RUN' && /npm prune --omit=dev/.test(i.args))).toBe(true);
  });

  it('runs as an unprivileged user and writes only to its data volume (read-only root filesystem)', () => {
    const users = runtime.filter((i) => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!.args.split(':')[0]!;
    expect(['root', '0']).not.toContain(user);
    expect(Number(user)).toBeGreaterThanOrEqual(10_000);
    const env = envOf(runtime);
    expect(env['HEARTH_HOME']).toBe('/data');
    expect(env['HOME']).toBe('/data');
    expect(runtime.find((i) => i.keyword === 'VOLUME')?.exec).toEqual(['/data']);
    // The volume's mount point belongs to that user before USER switches to it.
    const userIndex = runtime.indexOf(users.at(-1)!);
    const chown = runtime.findIndex((i) => i.keyword === 'RUN' && i.args.includes(`chown ${user}:`));
    expect(chown).toBeGreaterThan(-1);
    expect(chown).toBeLessThan(userIndex);
  });

  it('starts the built server with its entry, checks health with a script the build makes, stops on SIGTERM', () => {
    const entry = runtime.find((i) => i.keyword === 'ENTRYPOINT')?.exec;
    expect(entry).toEqual(['node', 'dist/server/main.mjs']);
    expect(buildScript).toContain("'dist/server/main.mjs'");
    const check = healthcheckCommand(runtime);
    expect(check).toEqual(['node', 'dist/server/healthcheck.mjs']);
    expect(buildScript).toContain("'dist/server/healthcheck.mjs'");
    expect(runtime.find((i) => i.keyword === 'STOPSIGNAL')?.args).toBe('SIGTERM');
    const cmd = runtime.find((i) => i.keyword === 'CMD')?.exec ?? [];
    // Beyond loopback: TLS, browsers upload instead of naming paths, a drain period on stop.
    expect(cmd).toEqual(expect.arrayContaining(['--host', '0.0.0.0', '--tls-self-signed', '--no-local-paths']));
    expect(cmd[cmd.indexOf('--shutdown-delay-seconds') + 1]).toMatch(/^\d+$/);
  });

  it('holds no secret and leaves local build output and data out of the build context', () => {
    for (const instruction of instructions.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG')) {
      expect(instruction.args, `line ${instruction.line}`).not.toMatch(/PASSWORD|SECRET|TOKEN|API_KEY|ACCESS_KEY/i);
    }
    const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n');
    for (const path of ['.git', 'node_modules', 'dist', 'native/bin', '.hearth-dev']) expect(ignored).toContain(path);
  });
});
