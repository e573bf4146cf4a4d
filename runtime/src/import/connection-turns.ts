// Turns on an import's one connection. The import plans its next chunk (lookups, upsert matches)
// while it writes the current one, and both use the transaction's connection. A write runs inside
// savepoints: when one of its statements fails, the transaction accepts nothing but the rollback to
// the savepoint, so a planning read slipped in between would fail too. Each savepoint region and
// each block of planning reads takes a turn; turns are granted in the order they were asked for.
export class ConnectionTurns {
  #last: Promise<void> = Promise.resolve();

  /** Runs `work` once every turn asked for before it has ended; the next turn waits for this one. */
  take<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.#last;
    let end: () => void = () => undefined;
    this.#last = new Promise<void>((resolve) => {
      end = resolve;
    });
    return previous.then(work).finally(end);
  }
}

/** Lets I/O callbacks run (a write's statement finishing) before the caller goes on with CPU work. */
export const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
