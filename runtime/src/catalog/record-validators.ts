// Object definition → its create and patch validators, shared by every catalog (revision or user
// view) whose definition is the same, and compiled off the response path. ajv's code generation
// costs tens of milliseconds for a 20-field object: compiling every object inside each metadata
// apply made adding one field take ~60 ms longer and stalled the reads running beside it. Now an
// apply recompiles only the objects it changed, and does so in the background shortly after, one
// validator per event-loop turn; a write that arrives before that compiles the validator it needs itself.
import { compileRecordValidator, createAjv, type NormalisedObject, type RecordValidator } from '@tessera/metadata';

export interface RecordValidators {
  validateCreate: RecordValidator;
  validatePatch: RecordValidator;
}

/** Definitions kept; past this the oldest go (catalogs keep their own validators alive). */
const MAX_DEFINITIONS = 1000;
const byDefinition = new Map<string, RecordValidators>();
const warmQueue: (() => void)[] = [];
let warming = false;

export function recordValidators(definition: NormalisedObject): RecordValidators {
  const key = JSON.stringify(definition);
  const cached = byDefinition.get(key);
  if (cached) return cached;
  const ajv = lazy(createAjv);
  const create = lazy(() => compileRecordValidator(definition, 'create', ajv()));
  const patch = lazy(() => compileRecordValidator(definition, 'patch', ajv()));
  const validators: RecordValidators = Object.freeze({
    validateCreate: (record: unknown) => create()(record),
    validatePatch: (record: unknown) => patch()(record),
  });
  if (byDefinition.size >= MAX_DEFINITIONS) byDefinition.delete(byDefinition.keys().next().value as string);
  byDefinition.set(key, validators);
  warmQueue.push(create, patch);
  scheduleWarm();
  return validators;
}

// The first compile waits a moment, so the request that installed the catalog (a metadata
// apply) answers and finishes its audit before the event loop is spent on code generation.
const WARM_DELAY_MS = 50;

function scheduleWarm(): void {
  if (warming) return;
  warming = true;
  const warmNext = () => {
    warmQueue.shift()?.();
    if (warmQueue.length > 0) setImmediate(warmNext);
    else warming = false;
  };
  setTimeout(warmNext, WARM_DELAY_MS).unref();
}

function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    if (value === undefined) value = build();
    return value;
  };
}
