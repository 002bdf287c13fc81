// `npm test`: every check, on a fresh machine too — installs npm dependencies, starts a Secret Service
// (Linux) and runs lint, format, types, build, unit, integration and end-to-end tests, then prints one
// summary. Plain JS: it starts before the project's Node 24 is installed.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDependencies, fail, hasCommand, root, run } from './lib.mjs';
import { TEST_RUN_MARKER, reapOrphans } from './orphans.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const insideKeyring = process.env.HEARTH_KEYRING_SESSION === '1';

function checkSystem() {
  const missing = [];
  if (process.platform === 'linux') {
    if (!existsSync(chromium)) missing.push(`chromium (expected at ${chromium}; Debian package "chromium")`);
    if (!hasCommand('dbus-run-session')) missing.push('dbus-run-session (Debian packages "dbus" and "dbus-x11")');
    if (!hasCommand('gnome-keyring-daemon')) missing.push('gnome-keyring-daemon (Debian package "gnome-keyring")');
    // The zero-egress test: a loopback-only network namespace, traced.
    for (const [tool, pkg] of [
      ['strace', 'strace'],
      ['unshare', 'util-linux'],
      ['ip', 'iproute2'],
    ]) {
      if (!hasCommand(tool)) missing.push(`${tool} (Debian package "${pkg}")`);
    }
  }
  if (!hasCommand('ps')) missing.push('ps (Debian package "procps")');
  // The model-download E2E serves its file over https with a certificate made for the run.
  if (!hasCommand('openssl')) missing.push('openssl (Debian package "openssl")');
  if (missing.length) {
    fail(
      `Missing system dependencies:\n  - ${missing.join('\n  - ')}\n\n` +
        'On Debian/Ubuntu: sudo apt-get install -y chromium dbus dbus-x11 gnome-keyring procps openssl strace util-linux iproute2\n(.ci/run does this on CI).',
    );
  }
}

if (!insideKeyring) {
  checkSystem();
  await ensureDependencies();
  if (process.platform === 'linux') {
    // A private session bus with an unlocked gnome-keyring: the real Secret Service, isolated per run.
    // Its keyring files go to a fresh XDG_DATA_HOME, so an existing login keyring (with another password)
    // never makes it prompt for a password on a display that does not exist.
    const keyringHome = mkdtempSync(join(tmpdir(), 'hearth-keyring-'));
    const script =
      'echo hearth-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || exit 97; ' +
      'exec "$0" "$@"';
    const result = spawnSync(
      'dbus-run-session',
      ['--', 'sh', '-c', script, process.execPath, join(root, 'scripts/test-all.mjs'), ...process.argv.slice(2)],
      { stdio: 'inherit', env: { ...process.env, HEARTH_KEYRING_SESSION: '1', XDG_DATA_HOME: keyringHome } },
    );
    rmSync(keyringHome, { recursive: true, force: true });
    if (result.status === 97) fail('gnome-keyring-daemon could not start a Secret Service.');
    process.exit(result.status ?? 1);
  }
}

const resultsDir = join(root, 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const steps = [
  ['lint', 'eslint', ['--max-warnings=0', '.']],
  ['format', 'prettier', ['--check', '--log-level', 'warn', '.']],
  // Import cycles (type-only imports included): a cycle means two modules own each other's concepts.
  [
    'cycles',
    'dpdm',
    [
      '--no-warning',
      '--no-tree',
      '--progress=false',
      '--exit-code',
      'circular:1',
      'electron/**/*.{ts,mts}',
      'renderer/src/**/*.{ts,tsx}',
      'scripts/**/*.{ts,mts}',
      'tests/**/*.{ts,tsx}',
    ],
  ],
  // Dead code: files, exports and dependencies nothing uses (knip.json names the entry points).
  ['dead code', 'knip', ['--no-progress']],
  ['types (node)', 'tsc', ['-p', 'tsconfig.node.json']],
  ['types (electron)', 'tsc', ['-p', 'tsconfig.electron.json']],
  ['types (web)', 'tsc', ['-p', 'tsconfig.web.json']],
  ['build', 'node', ['scripts/build.mjs']],
  [
    'unit',
    'vitest',
    ['run', '--project', 'unit', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json'],
  ],
  [
    'integration',
    'vitest',
    [
      'run',
      '--project',
      'integration',
      // The catalogue's tests once more, on a real PostgreSQL server (the team server's catalogue).
      '--project',
      'catalogue-postgres',
      '--reporter=default',
      '--reporter=json',
      '--outputFile=test-results/integration.json',
    ],
  ],
  ['e2e', 'playwright', ['test']],
];

// Every process a step starts inherits this marker, so whatever is still alive with it after the last step was
// left behind by the run (a test that did not stop its server, a shell that did not stop its children).
const runMarker = randomUUID();
const only = process.argv.slice(2);
const outcomes = [];
for (const [name, command, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const code = await run(command, args, { env: { CHROMIUM_PATH: chromium, [TEST_RUN_MARKER]: runMarker } });
  outcomes.push({ name, ok: code === 0, seconds: (Date.now() - started) / 1000 });
}
const checkStarted = Date.now();
const leftRunning = await reapOrphans({ value: runMarker });
outcomes.push({ name: 'no process left', ok: leftRunning.length === 0, seconds: (Date.now() - checkStarted) / 1000 });

function count(file, pick) {
  try {
    return pick(JSON.parse(readFileSync(join(resultsDir, file), 'utf8')));
  } catch {
    return { passed: 0, failed: 0 };
  }
}
const tallies = [
  count('unit.json', (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests })),
  count('integration.json', (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests })),
  count('e2e.json', (r) => ({ passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected })),
];
const passed = tallies.reduce((n, t) => n + t.passed, 0);
const failedTests = tallies.reduce((n, t) => n + t.failed, 0);

// The CI log keeps only its tail, so failures are repeated here with their first message lines.
function vitestFailures(file) {
  return count(file, (r) =>
    r.testResults.flatMap((f) =>
      f.assertionResults
        .filter((t) => t.status === 'failed')
        .map(
          (t) =>
            `${f.name.replace(root + '/', '')} › ${t.fullName}\n    ${(t.failureMessages[0] ?? '').split('\n').slice(0, 4).join('\n    ')}`,
        ),
    ),
  );
}
function playwrightFailures() {
  const walk = (suite) => [
    ...(suite.specs ?? []).filter((s) => !s.ok).map((s) => `${s.file} › ${s.title}`),
    ...(suite.suites ?? []).flatMap(walk),
  ];
  return count('e2e.json', (r) => r.suites.flatMap(walk));
}
const failures = [vitestFailures('unit.json'), vitestFailures('integration.json'), playwrightFailures()].flatMap((f) =>
  Array.isArray(f) ? f : [],
);

console.log('\n━━ summary ━━');
for (const f of failures.slice(0, 20)) console.log(`✖ ${f}`);
for (const p of leftRunning) console.log(`✖ left running (now killed): pid ${p.pid} ${p.command.slice(0, 200)}`);
for (const o of outcomes) console.log(`${o.ok ? '✔' : '✖'} ${o.name.padEnd(18)} ${o.seconds.toFixed(1).padStart(7)} s`);
const failedSteps = outcomes.filter((o) => !o.ok);
console.log(
  `\ntests: ${passed} passed, ${failedTests + (failedSteps.length && !failedTests ? failedSteps.length : 0)} failed`,
);
process.exit(failedSteps.length ? 1 : 0);
