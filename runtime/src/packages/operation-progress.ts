// The progress of package operations (install, upgrade, uninstall) by tenant and client-chosen
// operation id (`X-Operation-Id`), for GET /packages/operations/:id while the request runs.
// In-process and bounded: an entry expires a few minutes after it ends, and each tenant keeps at
// most MAX_PER_TENANT (the oldest go first). Another instance of the server never sees it; the
// operation's result is always in its own response.
import type { PlanStep } from '../migrate/plan-change.ts';

export type OperationPhase = 'metadata' | 'security' | 'sampleData' | 'done' | 'failed';

export interface OperationEvent {
  at: string;
  phase: OperationPhase;
  /** metadata: the step (1-based) of `total`, its description and rows. */
  step?: number;
  total?: number;
  description?: string;
  rows?: number;
  /** sampleData: records created so far, of `total`. */
  created?: number;
  /** failed: the problem's code. */
  code?: string;
}

export interface OperationProgress {
  id: string;
  operation: 'install' | 'upgrade' | 'uninstall';
  namespace: string | null;
  phase: OperationPhase;
  startedAt: string;
  endedAt: string | null;
  steps: { current: number; total: number | null; description: string | null; rows: number | null };
  sampleData: { created: number; total: number };
  problem: { status: number; code: string; detail: string } | null;
  events: OperationEvent[];
}

/** What the engine reports into (runtime/src/packages/package-operations.ts). */
export interface PackageProgress {
  namespace(namespace: string): void;
  metadataStep(step: PlanStep, total: number): void;
  security(): void;
  sampleRecords(created: number, total: number): void;
}

export interface OperationTracker extends PackageProgress {
  done(): void;
  failed(problem: { status: number; code: string; detail: string }): void;
}

const KEEP_ENDED_MS = 5 * 60 * 1000;
const MAX_PER_TENANT = 20;
/** Sample data logs about this many events however many records there are. */
const SAMPLE_EVENTS = 100;

export class OperationRegistry {
  // Per tenant, in start order (a Map iterates in insertion order), so the oldest is dropped first.
  private readonly tenants = new Map<string, Map<string, { progress: OperationProgress; endedAtMs: number | null }>>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  has(tenant: string, id: string): boolean {
    this.expire();
    return this.tenants.get(tenant)?.has(id) ?? false;
  }

  /** A copy of the operation's state, or undefined (unknown, expired, or another tenant's). */
  get(tenant: string, id: string): OperationProgress | undefined {
    this.expire();
    const entry = this.tenants.get(tenant)?.get(id);
    return entry ? structuredClone(entry.progress) : undefined;
  }

  start(tenant: string, id: string, operation: OperationProgress['operation']): OperationTracker {
    this.expire();
    const entries = this.tenants.get(tenant) ?? new Map();
    this.tenants.set(tenant, entries);
    entries.delete(id);
    while (entries.size >= MAX_PER_TENANT) entries.delete(entries.keys().next().value as string);
    const now = () => this.clock().toISOString();
    const progress: OperationProgress = {
      id,
      operation,
      namespace: null,
      phase: 'metadata',
      startedAt: now(),
      endedAt: null,
      steps: { current: 0, total: null, description: null, rows: null },
      sampleData: { created: 0, total: 0 },
      problem: null,
      events: [],
    };
    const entry = { progress, endedAtMs: null as number | null };
    entries.set(id, entry);
    const log = (event: Omit<OperationEvent, 'at'>) => {
      progress.phase = event.phase;
      progress.events.push({ at: now(), ...event });
    };
    const end = () => {
      progress.endedAt = now();
      entry.endedAtMs = this.clock().getTime();
    };
    return {
      namespace: (namespace) => {
        progress.namespace = namespace;
      },
      metadataStep: (step, total) => {
        progress.steps = { current: step.step, total, description: step.description, rows: step.rows };
        log({ phase: 'metadata', step: step.step, total, description: step.description, rows: step.rows });
      },
      security: () => log({ phase: 'security' }),
      sampleRecords: (created, total) => {
        progress.sampleData = { created, total };
        const every = Math.max(1, Math.ceil(total / SAMPLE_EVENTS));
        if (created === 0 || created === total || created % every === 0) log({ phase: 'sampleData', created, total });
        else progress.phase = 'sampleData';
      },
      done: () => {
        log({ phase: 'done' });
        end();
      },
      failed: (problem) => {
        progress.problem = problem;
        log({ phase: 'failed', code: problem.code });
        end();
      },
    };
  }

  /** Drops every tenant's entries that ended more than KEEP_ENDED_MS ago (few entries: a full sweep is cheap). */
  private expire(): void {
    const now = this.clock().getTime();
    for (const [tenant, entries] of this.tenants) {
      for (const [id, { endedAtMs }] of entries) if (endedAtMs !== null && now - endedAtMs > KEEP_ENDED_MS) entries.delete(id);
      if (entries.size === 0) this.tenants.delete(tenant);
    }
  }
}
