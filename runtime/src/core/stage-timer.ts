// Per-request stage timer behind the `Server-Timing` header (parse, plan, db, render), so the
// interpreter's overhead is visible on every response from day one.
export type TimingStage = 'auth' | 'parse' | 'plan' | 'db' | 'render';

export class StageTimer {
  private readonly totals = new Map<TimingStage, number>();

  /** Times an async stage; repeated stages add up. */
  async time<T>(stage: TimingStage, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(stage, performance.now() - started);
    }
  }

  timeSync<T>(stage: TimingStage, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.add(stage, performance.now() - started);
    }
  }

  add(stage: TimingStage, milliseconds: number): void {
    this.totals.set(stage, (this.totals.get(stage) ?? 0) + milliseconds);
  }

  header(): string {
    const parts: string[] = [];
    for (const stage of ['auth', 'parse', 'plan', 'db', 'render'] as const) {
      parts.push(`${stage};dur=${(this.totals.get(stage) ?? 0).toFixed(2)}`);
    }
    return parts.join(', ');
  }
}
