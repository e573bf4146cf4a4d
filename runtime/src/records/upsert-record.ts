// PUT /objects/:object/records/by/:field/:value: one record upserted by an external id field. In
// one transaction: the live record with that value is locked and patched (200), or a record with
// that value is created (201). The body may repeat the key only with the same value.
import type { Kysely } from 'kysely';
import type { Catalog } from '../catalog/catalog-types.ts';
import { ApiError } from '../core/api-error.ts';
import type { StageTimer } from '../core/stage-timer.ts';
import { externalIdFields } from './bulk/external-refs.ts';
import { type RecordContext, type RecordJson, RecordService } from './record-service.ts';
import { externalIdValue, matchExternalIds } from './upsert-match.ts';

export interface UpsertInput {
  object: string;
  field: string;
  value: string;
  body: unknown;
  ifMatch: number | undefined;
}

export async function upsertRecord(
  // biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
  db: Kysely<any>,
  catalog: Catalog,
  timer: StageTimer,
  context: RecordContext,
  input: UpsertInput,
): Promise<RecordJson & { created: boolean }> {
  return db.transaction().execute(async (tx) => {
    const service = new RecordService(tx, catalog, timer, context);
    const object = service.object(input.object);
    const fields = externalIdFields(object);
    if (!fields.includes(input.field)) {
      throw new ApiError('TSR143', `${object.apiName}.${input.field} is not an external id field (external ids: ${fields.join(', ') || 'none'}).`, [
        { path: '/field', code: 'TSR143', message: 'not an external id field' },
      ]);
    }
    const value = externalIdValue(object, input.field, input.value);
    if (value === undefined)
      throw new ApiError('TSR100', `'${input.value}' is not a ${input.field} value.`, [{ path: '/value', code: 'TSR100', message: 'not a valid value' }]);
    const body = input.body;
    if (typeof body === 'object' && body !== null && !Array.isArray(body) && input.field in body) {
      const given = externalIdValue(object, input.field, (body as Record<string, unknown>)[input.field]);
      if (given !== value) {
        throw new ApiError('TSR100', `The body's ${input.field} differs from the one in the path.`, [
          { path: `/${input.field}`, code: 'TSR100', message: 'must equal the path value or be left out' },
        ]);
      }
    }
    const id = (await matchExternalIds(tx, service.planInput(object).stored, input.field, [value])).get(String(value));
    if (id !== undefined) return { ...(await service.patch(object, id, body, input.ifMatch)), created: false };
    const withKey = typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, [input.field]: value } : body;
    return { ...(await service.create(object, withKey)), created: true };
  });
}
