import type { ChildProcess, Serializable } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node.js';
import { HearthError } from '../../shared/errors';
import type { ChildStatus } from '../../shared/schemas';
import type { ChildStdio } from './ChildStdio';

export interface Disposable {
  dispose(): void;
}

/** Longest output line kept whole; a child printing megabytes without a newline must not grow our memory. */
const MAX_LINE_CHARS = 16_384;
/** Output lines remembered for error messages ("exited with code 1; last output: …"). */
const TAIL_LINES = 5;

/**
 * The handle `Supervisor.start` returns. It outlives restarts: `pid` and `connection` follow the current process,
 * while listeners registered here stay attached across restarts.
 */
export class SupervisedChild {
  readonly name: string;
  readonly stdio: ChildStdio;
  #status: ChildStatus;
  #process: ChildProcess | undefined;
  #connection: MessageConnection | undefined;
  readonly #log: Logger;
  readonly #emit: (status: ChildStatus) => void;
  readonly #statusListeners = new Set<(status: ChildStatus) => void>();
  readonly #messageListeners = new Set<(message: unknown) => void>();
  #tail: string[] = [];

  /** @internal Built by the Supervisor; `emit` forwards every status change to the supervisor's own listener. */
  constructor(name: string, stdio: SupervisedChild['stdio'], logger: Logger, emit: (status: ChildStatus) => void) {
    this.name = name;
    this.stdio = stdio;
    this.#log = logger;
    this.#emit = emit;
    this.#status = {
      name,
      state: 'starting',
      pid: null,
      restarts: 0,
      lastExit: null,
      lastError: null,
      nextRestartAt: null,
    };
  }

  /** A snapshot of the current status. */
  get status(): ChildStatus {
    return { ...this.#status };
  }

  /** The watchdog's pid (also the process group id) of the current process, or null between processes. */
  get pid(): number | null {
    return this.#status.pid;
  }

  /**
   * The JSON-RPC connection over the child's stdin/stdout ('pipe' mode), already listening. A restart makes a new
   * one, so read this property each time instead of keeping the object; register handlers again on 'running'.
   */
  get connection(): MessageConnection | undefined {
    return this.#connection;
  }

  /** Sends a message over the Node IPC channel ('ipc' mode). Throws SIDECAR_DOWN while no process is connected. */
  send(message: Serializable): void {
    if (this.stdio !== 'ipc') {
      throw new HearthError('INTERNAL', `${this.name} was not started with an IPC channel.`);
    }
    const proc = this.#process;
    if (!proc?.connected) {
      throw new HearthError('SIDECAR_DOWN', `${this.name} is not running, so the message could not be delivered.`);
    }
    proc.send(message);
  }

  /** Messages the child sends with `process.send` ('ipc' mode), from this process and every restart. */
  onMessage(listener: (message: unknown) => void): Disposable {
    this.#messageListeners.add(listener);
    return { dispose: () => this.#messageListeners.delete(listener) };
  }

  /** Every status change of this child. */
  onStatus(listener: (status: ChildStatus) => void): Disposable {
    this.#statusListeners.add(listener);
    return { dispose: () => this.#statusListeners.delete(listener) };
  }

  /** @internal Applies a status change and notifies listeners when anything actually changed. */
  update(patch: Partial<Omit<ChildStatus, 'name'>>): void {
    const next = { ...this.#status, ...patch };
    const changed = (Object.keys(patch) as (keyof typeof patch)[]).some(
      (key) => JSON.stringify(next[key]) !== JSON.stringify(this.#status[key]),
    );
    if (!changed) return;
    this.#status = next;
    if (patch.state !== undefined) {
      this.#log.info(
        { state: next.state, pid: next.pid, lastError: next.lastError ?? undefined },
        `${this.name}: ${next.state}`,
      );
    }
    const snapshot = this.status;
    for (const listener of [this.#emit, ...this.#statusListeners]) {
      try {
        listener(snapshot);
      } catch (error) {
        this.#log.error({ err: error }, 'a status listener threw');
      }
    }
  }

  /** @internal Wires a freshly spawned watchdog: output logging, the JSON-RPC connection or the IPC relay. */
  attach(proc: ChildProcess): void {
    this.#process = proc;
    this.#tail = [];
    // A write racing the child's death fails with EPIPE; the exit handler deals with the death itself.
    proc.stdin?.on('error', () => undefined);
    if (this.stdio === 'pipe' && proc.stdout && proc.stdin) {
      const connection = createMessageConnection(
        new StreamMessageReader(proc.stdout),
        new StreamMessageWriter(proc.stdin),
        {
          error: (message) => this.#log.error({ rpc: true }, message),
          warn: (message) => this.#log.warn({ rpc: true }, message),
          info: (message) => this.#log.info({ rpc: true }, message),
          log: (message) => this.#log.debug({ rpc: true }, message),
        },
      );
      connection.listen();
      this.#connection = connection;
    } else if (proc.stdout) {
      this.#forwardLines(proc.stdout, 'stdout');
    }
    if (proc.stderr) this.#forwardLines(proc.stderr, 'stderr');
    if (this.stdio === 'ipc') {
      proc.on('message', (message) => {
        for (const listener of this.#messageListeners) {
          try {
            listener(message);
          } catch (error) {
            this.#log.error({ err: error }, 'a message listener threw');
          }
        }
      });
    }
  }

  /** @internal The process is gone: drop its connection so callers get an error rather than a hang. */
  detach(proc: ChildProcess): void {
    if (this.#process !== proc) return;
    this.#process = undefined;
    this.#connection?.dispose();
    this.#connection = undefined;
  }

  /** @internal The last few output lines, for error messages. */
  recentOutput(): string {
    return this.#tail.join(' | ').slice(-400);
  }

  #forwardLines(stream: Readable, name: 'stdout' | 'stderr'): void {
    let buffer = '';
    const emit = (line: string): void => {
      if (line.trim() === '') return;
      this.#tail.push(line);
      if (this.#tail.length > TAIL_LINES) this.#tail.shift();
      this.#log.info({ stream: name }, line);
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        emit(buffer.slice(0, newline).replace(/\r$/, ''));
        buffer = buffer.slice(newline + 1);
      }
      if (buffer.length > MAX_LINE_CHARS) {
        emit(buffer);
        buffer = '';
      }
    });
    stream.on('end', () => emit(buffer));
  }
}
