/**
 * How many contract streams are running. Shared by the dispatcher (which opens and closes them) and diagnostics
 * (which reports the figure), so neither has to hold the other.
 */
export class StreamGauge {
  #active = 0;

  get active(): number {
    return this.#active;
  }

  opened(): void {
    this.#active++;
  }

  closed(): void {
    this.#active--;
  }
}
