// TSR216: tables, sequences and indexes share one PostgreSQL namespace per schema, and derived
// names can meet (object `a_b` field `c` and object `a` field `b_c` both give `a_b_c_seq`).
// Refuse the incoming definition that would introduce the second holder of a name.
import { type ProblemDetail, problem } from '../error-codes.ts';
import type { MetadataSnapshot, NormalisedObject } from '../normalised-types.ts';
import { uniqueFieldIndexName } from '../normalise/storage-name.ts';

interface NameUse {
  name: string;
  owner: string;
  path?: string;
}

function namesOf(object: NormalisedObject, path?: string): NameUse[] {
  const at = (suffix: string) => (path === undefined ? {} : { path: `${path}${suffix}` });
  const uses: NameUse[] = [{ name: object.apiName, owner: `table of ${object.apiName}`, ...at('/apiName') }];
  object.fields.forEach((field, index) => {
    const owner = `${object.apiName}.${field.apiName}`;
    if (field.type === 'autonumber') uses.push({ name: field.sequenceName, owner: `sequence of ${owner}`, ...at(`/fields/${index}/apiName`) });
    if (field.unique) {
      uses.push({ name: uniqueFieldIndexName(object.apiName, field.apiName), owner: `unique index of ${owner}`, ...at(`/fields/${index}/apiName`) });
    }
  });
  object.indexes.forEach((index, position) => {
    uses.push({ name: index.name, owner: `index ${position} of ${object.apiName}`, ...at(`/indexes/${position}`) });
  });
  return uses;
}

export function checkStorageNames(live: MetadataSnapshot, incoming: readonly NormalisedObject[], objectPaths: readonly string[]): ProblemDetail[] {
  const incomingNames = new Set(incoming.map((object) => object.apiName));
  const uses = [
    ...live.objects.filter((object) => !incomingNames.has(object.apiName)).flatMap((object) => namesOf(object)),
    ...incoming.flatMap((object, index) => namesOf(object, objectPaths[index] ?? `/objects/${index}`)),
  ];
  const holders = new Map<string, NameUse>();
  const problems: ProblemDetail[] = [];
  for (const use of uses) {
    const holder = holders.get(use.name);
    if (!holder) holders.set(use.name, use);
    else if (use.path !== undefined) {
      problems.push(
        problem(use.path, 'TSR216', `the storage name '${use.name}' of the ${use.owner} is already used by the ${holder.owner}; rename one of them`),
      );
    }
  }
  return problems;
}
