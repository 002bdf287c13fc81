import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { sleep } from './probes';

/** What a running Hearth leaves behind per child, so the next start can reap it after a crash. */
const PidRecordSchema = z.object({
  /** Watchdog pid; also the process group id, since the watchdog is spawned detached. */
  pid: z.int().positive(),
  /** Random id on the watchdog's command line (`--instance`); proves a live pid is still ours. */
  instance: z.string().min(1),
  /** The supervised command, for humans reading the file. */
  command: z.string(),
  startedAt: z.number(),
  /** The Hearth process that spawned it. */
  ownerPid: z.int(),
});
export type PidRecord = z.infer<typeof PidRecordSchema>;

/**
 * `<runDir>/<name>.json` per child. Writes are synchronous: records are tiny, and ordering against the exit handler
 * that removes them must be exact.
 */
export class PidRegistry {
  readonly #runDir: string;

  constructor(runDir: string) {
    this.#runDir = runDir;
  }

  write(name: string, record: PidRecord): void {
    mkdirSync(this.#runDir, { recursive: true });
    const file = this.#file(name);
    // Rename over the old record so a crash mid-write never leaves half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify(record));
    renameSync(`${file}.tmp`, file);
  }

  /** Removes `name`'s record; with `instance`, only if it still belongs to that instance (not to a newer restart). */
  remove(name: string, instance?: string): void {
    const file = this.#file(name);
    if (instance !== undefined) {
      const current = readRecord(file);
      if (current !== null && current.instance !== instance) return;
    }
    rmSync(file, { force: true });
  }

  /** Every record file; `record` is null for an unreadable one. */
  readAll(): { name: string; file: string; record: PidRecord | null }[] {
    let entries: string[];
    try {
      entries = readdirSync(this.#runDir);
    } catch {
      return [];
    }
    return entries
      .filter((entry) => entry.endsWith('.json'))
      .map((entry) => {
        const file = join(this.#runDir, entry);
        return { name: entry.slice(0, -'.json'.length), file, record: readRecord(file) };
      });
  }

  removeFile(file: string): void {
    rmSync(file, { force: true });
  }

  /**
   * Kills what a previous, crashed Hearth left running, and clears the records. A recorded process group is killed
   * only if its leader is alive and its command line is our watchdog with the record's instance id, so a reused pid
   * is never touched. Records of `current` instances (this process's own children) are left alone.
   */
  async reapStale(options: {
    watchdogPath: string;
    current: ReadonlySet<string>;
    timeoutMs: number;
    logger: Logger;
  }): Promise<{ reaped: number[]; ignored: number[] }> {
    const reaped: number[] = [];
    const ignored: number[] = [];
    const gone = (pid: number) => async () => !(await isProcessAlive(pid));
    await Promise.all(
      this.readAll().map(async ({ file, record }) => {
        if (record === null) return this.removeFile(file);
        if (options.current.has(record.instance)) return;
        const info = await inspectProcess(record.pid);
        const ours =
          info !== null &&
          info.args.includes(options.watchdogPath) &&
          info.args.includes(`--instance ${record.instance}`);
        if (!ours) {
          ignored.push(record.pid);
          return this.removeFile(file);
        }
        if (
          info.ppid === record.ownerPid &&
          record.ownerPid !== process.pid &&
          (await isProcessAlive(record.ownerPid))
        ) {
          // Its Hearth is still alive (another instance on the same data dir): not stale, not ours to kill.
          options.logger.warn({ pid: record.pid, ownerPid: record.ownerPid }, 'pid record belongs to a running Hearth');
          ignored.push(record.pid);
          return;
        }
        options.logger.warn({ pid: record.pid, command: record.command }, 'reaping a child left by a previous run');
        killGroup(record.pid, 'SIGTERM');
        await waitFor(gone(record.pid), options.timeoutMs);
        // Also catches grandchildren that ignored SIGTERM; the group id stays reserved while any member lives.
        killGroup(record.pid, 'SIGKILL');
        await waitFor(gone(record.pid), 3_000);
        reaped.push(record.pid);
        this.removeFile(file);
      }),
    );
    return { reaped, ignored };
  }

  #file(name: string): string {
    return join(this.#runDir, `${name}.json`);
  }
}

function readRecord(file: string): PidRecord | null {
  try {
    const parsed = PidRecordSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A process as `ps` sees it, or null when there is none. Zombies count as gone: they run nothing. */
interface ProcessInfo {
  ppid: number;
  args: string;
}

/** Looks a pid up with `ps` (the same flags work on macOS and Linux; -ww stops macOS truncating the line). */
function inspectProcess(pid: number): Promise<ProcessInfo | null> {
  return new Promise((resolve) => {
    execFile('ps', ['-ww', '-o', 'stat=', '-o', 'ppid=', '-o', 'args=', '-p', String(pid)], (error, stdout) => {
      const match = error ? null : /^\s*(\S+)\s+(\d+)\s+(.*)$/s.exec(stdout.trimEnd());
      if (!match || match[1]?.startsWith('Z')) return resolve(null);
      resolve({ ppid: Number(match[2]), args: match[3] ?? '' });
    });
  });
}

/** True while `pid` exists and is not a zombie. */
async function isProcessAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return (await inspectProcess(pid)) !== null;
}

/** Signals a whole process group; false when the group is already empty. */
export function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(100);
  }
  return condition();
}
