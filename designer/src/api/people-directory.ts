// Colleagues' names (GET /people) for owners, approvers and history entries: ids asked for in one
// render are gathered into one request (up to 100 a call), and each answer is kept for the
// session's client, so a list of 200 rows owned by five people costs one call, once.
import type { ApiClient } from './client.ts';

export interface Person {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

const BATCH = 100;

export class PeopleDirectory {
  private readonly known = new Map<string, Person | null>();
  private readonly waiting = new Map<string, Promise<Person | null>>();
  private queued = new Map<string, (person: Person | null) => void>();

  constructor(private readonly client: ApiClient) {}

  /** A name already known (null: known not to exist), or undefined while not asked yet. */
  peek(id: string): Person | null | undefined {
    return this.known.get(id);
  }

  /** Resolves once the names of these ids are known (unknown ids resolve to null). */
  load(ids: readonly string[]): Promise<unknown> {
    return Promise.all(ids.filter((id) => !this.known.has(id)).map((id) => this.one(id)));
  }

  /** Active people whose name or email holds the text (a picker for 转交 and 加签). */
  async find(q: string, limit = 20): Promise<Person[]> {
    const found = await this.client.request<{ data: Person[] }>('GET', `/people?${new URLSearchParams({ q, limit: String(limit) })}`);
    for (const person of found.data) this.known.set(person.id, person);
    return found.data;
  }

  private one(id: string): Promise<Person | null> {
    const pending = this.waiting.get(id);
    if (pending) return pending;
    const promise = new Promise<Person | null>((resolve) => {
      if (this.queued.size === 0) queueMicrotask(() => void this.flush());
      this.queued.set(id, resolve);
    });
    this.waiting.set(id, promise);
    return promise;
  }

  private async flush(): Promise<void> {
    const batch = this.queued;
    this.queued = new Map();
    const ids = [...batch.keys()];
    for (let start = 0; start < ids.length; start += BATCH) {
      const slice = ids.slice(start, start + BATCH);
      // A failed call leaves the ids unnamed (shown as they are) and lets a later render ask again.
      const found = await this.client.request<{ data: Person[] }>('GET', `/people?ids=${slice.join(',')}`).catch(() => null);
      const byId = new Map((found?.data ?? []).map((person) => [person.id, person]));
      for (const id of slice) {
        const person = byId.get(id) ?? null;
        if (found) this.known.set(id, person);
        this.waiting.delete(id);
        batch.get(id)?.(person);
      }
    }
  }
}

const directories = new WeakMap<ApiClient, PeopleDirectory>();

export function peopleDirectory(client: ApiClient): PeopleDirectory {
  let directory = directories.get(client);
  if (!directory) {
    directory = new PeopleDirectory(client);
    directories.set(client, directory);
  }
  return directory;
}
