// Per-request stage timer behind the `Server-Timing` header (parse, plan, db, render), so the
// interpreter's overhead is visible on every response from day one. One is made per request, so it
// holds plain number fields (no Map, no per-stage objects) and builds the header string once, at the end.
export type TimingStage = 'auth' | 'parse' | 'plan' | 'db' | 'render';

export class StageTimer {
  private auth = 0;
  private parse = 0;
  private plan = 0;
  private db = 0;
  private render = 0;

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
    this[stage] += milliseconds;
  }

  /** `auth;dur=0.12, parse;dur=…`: every stage, in this order, with two decimals. */
  header(): string {
    return `auth;dur=${this.auth.toFixed(2)}, parse;dur=${this.parse.toFixed(2)}, plan;dur=${this.plan.toFixed(2)}, db;dur=${this.db.toFixed(2)}, render;dur=${this.render.toFixed(2)}`;
  }
}
