/** Anything with an explicit end of life. */
export interface Disposable {
  dispose(): void | Promise<void>;
}

/** One failed disposal, named by what was being disposed. */
export interface DisposeFailure {
  name: string;
  error: unknown;
}

/** Thrown by {@link DisposableStore.dispose} after every item had its turn, when some of them failed. */
export class DisposeError extends AggregateError {
  constructor(readonly failures: DisposeFailure[]) {
    super(
      failures.map((f) => f.error),
      `${failures.length} part${failures.length === 1 ? '' : 's'} failed to stop: ${failures
        .map((f) => `${f.name} (${f.error instanceof Error ? f.error.message : String(f.error)})`)
        .join('; ')}`,
    );
    this.name = 'DisposeError';
  }
}

interface Entry {
  name: string;
  dispose: () => void | Promise<void>;
}

/**
 * Disposes what it holds in reverse order of registration (LIFO), awaiting each, and goes on past a failure:
 * whatever was built last depends on what was built before it, so it stops first. Modelled on VS Code's
 * `DisposableStore` and `AsyncDisposableStack`, with names so a failure says which part broke.
 */
export class DisposableStore implements Disposable {
  readonly #entries: Entry[] = [];
  #disposing: Promise<void> | null = null;

  /** Registers `item` under `name` and returns it, so construction and registration are one line. */
  add<T extends Disposable>(name: string, item: T): T {
    this.defer(name, () => item.dispose());
    return item;
  }

  /** Registers a clean-up function. Registering after disposal began is a bug in the caller: it throws. */
  defer(name: string, dispose: () => void | Promise<void>): void {
    if (this.#disposing) throw new Error(`Cannot register "${name}": the store is already disposed.`);
    this.#entries.push({ name, dispose });
  }

  /** Names of the registered items in disposal order (last registered first). */
  get pending(): string[] {
    return this.#entries.map((e) => e.name).reverse();
  }

  /** Disposes everything once; later calls wait for the first. Rejects with a {@link DisposeError} naming each failure. */
  dispose(): Promise<void> {
    this.#disposing ??= this.#run();
    return this.#disposing;
  }

  async #run(): Promise<void> {
    const failures: DisposeFailure[] = [];
    for (let entry = this.#entries.pop(); entry; entry = this.#entries.pop()) {
      try {
        await entry.dispose();
      } catch (error) {
        failures.push({ name: entry.name, error });
      }
    }
    if (failures.length) throw new DisposeError(failures);
  }
}
