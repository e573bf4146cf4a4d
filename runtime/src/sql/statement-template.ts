// A statement as parts (fixed SQL and value slots) → its fixed text compiled once, so each run
// only binds values. The record writes' INSERT and UPDATE texts depend on the object, the columns
// written and the returning shape, not on the values: building and compiling a Kysely tree per
// write (every `sql` tag makes a node and a query id, the compiler walks them all and makes a new
// string, which the prepared-statement pool then hashes whole to find its name) was the largest
// cost of the write's own code in the profile.
//
// A run sends the cached text itself (the same string every time, so its statement name is found
// without rehashing it) when no Kysely plugin is installed on the handle. With plugins the run is
// one flat raw node over the same fragments, compiled by Kysely so every plugin sees it; fixed
// nodes (the table) stay nodes there, so a plugin can tell which table a write touches.
import { CompiledQuery, type Kysely, type QueryResult, type RawBuilder, sql } from 'kysely';
import { compileOnce } from './precompile.ts';

/** Where a value goes in a statement's parts. */
export const SLOT: unique symbol = Symbol('slot');

/** A fixed fragment kept as a Kysely node when the statement runs through plugins (the table). */
export interface NodePart {
  readonly node: RawBuilder<unknown>;
}

/** Fixed SQL: keywords written in the caller's source (a string), or a fragment Kysely compiles (identifiers, record renderers). */
export type StatementPart = string | RawBuilder<unknown> | NodePart | typeof SLOT;

// biome-ignore lint/suspicious/noExplicitAny: statements run on tenant handles of any table type
type Db = Kysely<any>;

export interface Statement<R> {
  execute(db: Db): Promise<QueryResult<R>>;
}

export interface StatementTemplate {
  /** The whole text, `$1…$n` for the values in slot order. */
  readonly text: string;
  /** The text split at the slots and the node parts. */
  readonly fragments: readonly string[];
  /** Between consecutive fragments: a value's slot index, or a fixed node. */
  readonly between: readonly (number | RawBuilder<unknown>)[];
}

const isNodePart = (part: StatementPart): part is NodePart => typeof part === 'object' && 'node' in part;

/**
 * The template of a statement; null when a fixed part binds values of its own (a user's row
 * condition, formulas bound to the request's clock): those texts change per request, so their
 * statements are built per request instead (`fromParts`).
 */
export function templateOf(parts: readonly StatementPart[]): StatementTemplate | null {
  let text = '';
  const fragments = [''];
  const between: (number | RawBuilder<unknown>)[] = [];
  let slots = 0;
  const append = (fixed: string) => {
    text += fixed;
    fragments[fragments.length - 1] += fixed;
  };
  for (const part of parts) {
    if (typeof part === 'string') {
      append(part);
    } else if (part === SLOT) {
      between.push(slots);
      slots += 1;
      text += `$${slots}`;
      fragments.push('');
    } else {
      const compiled = compileOnce(isNodePart(part) ? part.node : part);
      if (compiled.parameters.length > 0) return null;
      if (isNodePart(part)) {
        text += compiled.sql;
        between.push(part.node);
        fragments.push('');
      } else {
        append(compiled.sql);
      }
    }
  }
  return Object.freeze({ text, fragments: Object.freeze(fragments), between: Object.freeze(between) });
}

/** Runs a template with one value per slot, in order. */
export function fromTemplate<R>(template: StatementTemplate, values: readonly unknown[]): Statement<R> {
  return {
    execute(db) {
      if (db.getExecutor().plugins.length === 0) return db.executeQuery(CompiledQuery.raw(template.text, values as unknown[]) as CompiledQuery<R>);
      const parameters = template.between.map((item) => (typeof item === 'number' ? values[item] : item));
      return sql<R>(template.fragments as unknown as TemplateStringsArray, ...parameters).execute(db);
    },
  };
}

/** The statement built from its parts directly, for texts that cannot be cached: one flat raw node. */
export function fromParts<R>(parts: readonly StatementPart[], values: readonly unknown[]): RawBuilder<R> {
  const fragments = [''];
  const parameters: unknown[] = [];
  let next = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      fragments[fragments.length - 1] += part;
      continue;
    }
    parameters.push(part === SLOT ? values[next++] : isNodePart(part) ? part.node : part);
    fragments.push('');
  }
  return sql<R>(fragments as unknown as TemplateStringsArray, ...parameters);
}

/**
 * Templates per owner (an object's record renderer: one per object and revision, shared by every
 * request's bound copy of the object), each owner's keys bounded: past `limit` the oldest is
 * dropped, so odd column sets cannot grow it. A family (the object's definition) whose parts bind
 * values of their own is remembered, so requests that build a new owner each time (formulas bound
 * to the request's clock) do not compile a template only to throw it away.
 */
export class TemplateCache {
  private readonly byOwner = new WeakMap<object, Map<string, StatementTemplate>>();
  private readonly uncacheable = new WeakSet<object>();

  constructor(private readonly limit = 256) {}

  get(owner: object, family: object, key: string, parts: () => readonly StatementPart[]): StatementTemplate | null {
    if (this.uncacheable.has(family)) return null;
    let templates = this.byOwner.get(owner);
    if (!templates) {
      templates = new Map();
      this.byOwner.set(owner, templates);
    }
    let template = templates.get(key);
    if (template === undefined) {
      const made = templateOf(parts());
      if (made === null) {
        this.uncacheable.add(family);
        return null;
      }
      template = made;
      if (templates.size >= this.limit) templates.delete(templates.keys().next().value as string);
      templates.set(key, template);
    }
    return template;
  }
}
