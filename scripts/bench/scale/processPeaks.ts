import { readFile } from 'node:fs/promises';
import { descendantsOf } from '../ingestProbes';

/** Which part of Hearth a process is, from the command line its watchdog runs (the supervisor's children). */
function roleOf(watchdogCommand: string): string {
  if (/chroma/i.test(watchdogCommand)) return 'Chroma';
  if (/devS3Server|minio|rustfs/i.test(watchdogCommand)) return 'S3 server';
  if (/inferenceWorker/.test(watchdogCommand)) return 'inference worker';
  return 'other supervised child';
}

const cmdline = async (pid: number): Promise<string> =>
  (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').join(' ');

/** A process's peak resident set in bytes (VmHWM), or null once it is gone. */
async function vmHwm(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return kb === undefined ? null : Number(kb) * 1024;
}

const parentOf = async (pid: number): Promise<number> => {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
};

/**
 * Peak RSS by role of a core process and everything under it, sampled every `intervalMs` from /proc (Linux only).
 * Each sample sums, per role, the peak (VmHWM, kept by the kernel) of the processes alive then; the result is the
 * largest such sum, so processes that come one after another (a sidecar restarted with its core) are not added up,
 * and one that ends is counted up to its last sample. A supervised child runs under a watchdog, whose command line
 * names the child; every process below it counts for that role (Chroma's CLI and the server it starts are both
 * Chroma). Watchdogs are counted together, apart.
 */
export class ProcessPeaks {
  readonly #roles = new Map<number, string>();
  readonly #peaks: Record<string, number> = {};
  readonly #timer: NodeJS.Timeout;
  #sampling: Promise<void> = Promise.resolve();

  constructor(
    private readonly rootPid: number,
    private readonly rootRole: string,
    intervalMs = 1000,
  ) {
    this.#timer = setInterval(() => void this.sample(), intervalMs);
    this.#timer.unref();
  }

  /** Reads every process under the root once (calls queue behind one another). */
  sample(): Promise<void> {
    this.#sampling = this.#sampling.then(async () => {
      const now: Record<string, number> = {};
      for (const pid of [this.rootPid, ...(await descendantsOf(this.rootPid))]) {
        const bytes = await vmHwm(pid);
        if (bytes === null) continue;
        let role = this.#roles.get(pid);
        if (role === undefined) this.#roles.set(pid, (role = await this.#roleOf(pid)));
        now[role] = (now[role] ?? 0) + bytes;
      }
      for (const [role, bytes] of Object.entries(now)) this.#peaks[role] = Math.max(this.#peaks[role] ?? 0, bytes);
    });
    return this.#sampling;
  }

  async #roleOf(pid: number): Promise<string> {
    if (pid === this.rootPid) return this.rootRole;
    if ((await cmdline(pid)).includes('watchdog.cjs')) return 'watchdogs';
    // Up the tree to the nearest watchdog: its command line says what it supervises.
    for (let p = await parentOf(pid); Number.isInteger(p) && p > 1 && p !== this.rootPid; p = await parentOf(p)) {
      const line = await cmdline(p);
      if (line.includes('watchdog.cjs')) return roleOf(line.slice(line.indexOf(' -- ')));
    }
    return 'other (not supervised)';
  }

  /** Stops sampling after one last read; the peak bytes by role. */
  async stop(): Promise<Record<string, number>> {
    clearInterval(this.#timer);
    await this.sample();
    return { ...this.#peaks };
  }
}
