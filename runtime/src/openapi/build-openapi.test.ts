import { Validator } from '@seriousme/openapi-schema-validator';
import { FILTER_OPERATORS, type NormalisedObject } from '@tessera/metadata';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from './index.ts';
import { accountObject, crmSnapshot, opportunityObject } from './openapi-fixtures.ts';
import type { OpenApiDocument, OperationObject, ParameterObject, ReferenceObject, SchemaObject } from './openapi-types.ts';

const build = buildOpenApi;

const crmDocument = () => build({ snapshot: crmSnapshot(), revision: 7, tenant: 'acme', serverUrl: 'https://acme.example.com' });

async function validateOpenApi(document: OpenApiDocument) {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
  return { ...result, version: validator.version };
}

const operation = (document: OpenApiDocument, path: string, method: 'get' | 'post' | 'patch' | 'delete'): OperationObject => {
  const found = document.paths[path]?.[method];
  if (!found) throw new Error(`no ${method.toUpperCase()} ${path}`);
  return found;
};
const inlineParameter = (op: OperationObject, name: string): ParameterObject | undefined =>
  op.parameters?.find((parameter): parameter is ParameterObject => 'name' in parameter && parameter.name === name);

/** Follows one `#/...` pointer inside the document. */
const resolve = (document: OpenApiDocument, pointer: string): unknown =>
  pointer
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document);

describe('buildOpenApi', () => {
  it('documents an empty snapshot as a valid OpenAPI 3.1 document', async () => {
    const document = build({ snapshot: { objects: [] }, revision: 0, tenant: 'empty' });
    const result = await validateOpenApi(document);
    expect(result.errors).toBeUndefined();
    expect(result).toMatchObject({ valid: true, version: '3.1' });
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'Tessera API — empty', version: '1.0.0+rev0' });
    expect(document.servers).toBeUndefined();
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/health',
      '/api/v1/metadata',
      '/api/v1/metadata/apply',
      '/api/v1/metadata/calendars/preview',
      '/api/v1/metadata/objects/{object}',
      '/api/v1/metadata/schemas/document.schema.json',
      '/api/v1/metadata/schemas/object.schema.json',
      '/api/v1/metadata/schemas/package.schema.json',
      '/api/v1/metadata/validate',
      '/api/v1/notifications',
      '/api/v1/notifications/read-all',
      '/api/v1/notifications/{id}/read',
      '/api/v1/openapi.json',
      '/api/v1/packages',
      '/api/v1/packages/available',
      '/api/v1/packages/install',
      '/api/v1/packages/operations/{id}',
      '/api/v1/packages/plan',
      '/api/v1/packages/upgrade',
      '/api/v1/packages/{namespace}',
      '/api/v1/people',
    ]);
    expect(document.tags.map((tag) => tag.name)).toEqual(['System', 'Metadata', 'Notifications', 'Packages', 'People']);
  });

  it('documents every field type as a valid OpenAPI 3.1 document', async () => {
    const document = crmDocument();
    const result = await validateOpenApi(document);
    expect(result.errors).toBeUndefined();
    expect(result).toMatchObject({ valid: true, version: '3.1' });
    expect(document.info).toMatchObject({ title: 'Tessera API — acme', version: '1.0.0+rev7' });
    expect(document.servers).toEqual([{ url: 'https://acme.example.com' }]);

    // The check can fail: a dangling reference or a malformed operation is reported.
    const dangling = structuredClone(document);
    delete dangling.components.schemas.Problem;
    expect(await validateOpenApi(dangling)).toMatchObject({ valid: false, errors: expect.stringContaining('Problem') });
    const malformed = structuredClone(document);
    malformed.components.parameters.Limit!.in = 'body' as 'query'; // OpenAPI 2 style, not 3.1
    expect((await validateOpenApi(malformed)).valid).toBe(false);
  });

  it('describes the files routes when an object has a file or image field, and only then', async () => {
    const document = crmDocument();
    expect(operation(document, '/api/v1/files', 'post').operationId).toBe('uploadFile');
    expect(operation(document, '/api/v1/files/{id}', 'get').operationId).toBe('getFile');
    expect(operation(document, '/api/v1/files/{id}/content', 'get').operationId).toBe('getFileContent');
    expect(document.components.schemas.UploadedFile).toBeDefined();
    const withoutFiles = crmSnapshot();
    for (const object of withoutFiles.objects) object.fields = object.fields.filter((field) => field.type !== 'file' && field.type !== 'image');
    const bare = build({ snapshot: withoutFiles, revision: 1, tenant: 'acme' });
    expect(Object.keys(bare.paths).filter((path) => path.startsWith('/api/v1/files'))).toEqual([]);
    expect((await validateOpenApi(bare)).valid).toBe(true);
  });

  it('describes every field in every record schema with its en/zh labels', () => {
    const { components } = crmDocument();
    for (const [schemaName, skipsAutonumber] of [
      ['Opportunity', false],
      ['OpportunityCreate', true],
      ['OpportunityPatch', true],
    ] as const) {
      const { properties } = components.schemas[schemaName] as { properties: Record<string, SchemaObject> };
      for (const field of opportunityObject().fields) {
        // Computed fields (autonumber, formula, roll-up) take no input.
        if (skipsAutonumber && (field.type === 'autonumber' || field.type === 'formula' || field.type === 'rollup')) {
          expect(properties[field.apiName], `${schemaName}.${field.apiName}`).toBeUndefined();
          continue;
        }
        const description = properties[field.apiName]?.description;
        expect(description, `${schemaName}.${field.apiName}`).toContain(`**${field.labels.en} / ${field.labels.zh}** (\`${field.type}\`)`);
      }
    }
  });

  it('has the six record operations per object, with stable operation ids and the object tag', () => {
    const document = crmDocument();
    const collection = '/api/v1/objects/opportunity/records';
    const expected: [string, 'get' | 'post' | 'patch' | 'delete', string][] = [
      [collection, 'get', 'listOpportunityRecords'],
      [collection, 'post', 'createOpportunityRecord'],
      [`${collection}/{id}`, 'get', 'getOpportunityRecord'],
      [`${collection}/{id}`, 'patch', 'updateOpportunityRecord'],
      [`${collection}/{id}`, 'delete', 'deleteOpportunityRecord'],
      [`${collection}/{id}/restore`, 'post', 'restoreOpportunityRecord'],
    ];
    for (const [path, method, operationId] of expected) {
      const op = operation(document, path, method);
      expect(op.operationId).toBe(operationId);
      expect(op.tags).toEqual(['Opportunity']);
      expect(op.summary).toContain('(商机)');
    }
    expect(operation(document, '/api/v1/objects/account/records', 'get').operationId).toBe('listAccountRecords');
    expect(operation(document, collection, 'get').summary).toBe('List Opportunities (商机)');
    expect(document.tags.find((tag) => tag.name === 'Opportunity')?.description).toContain('Opportunity / 商机');

    const operationIds = Object.values(document.paths).flatMap((item) =>
      (['get', 'post', 'patch', 'delete'] as const).flatMap((method) => (item[method] ? [item[method].operationId] : [])),
    );
    expect(new Set(operationIds).size).toBe(operationIds.length);
    expect(operationIds).toHaveLength(10 + 3 + 7 + 1 + 5 + 1 + 3 + 3 + 8 + 3 + 2 * 6); // system (with the calendar preview), notifications, packages, people, views, totals, search and related lists, bulk, mass actions and export, import (with the history and rerun; PUT not counted), files, six per object
  });

  it('puts output, create, patch and list schemas per object into components, without $schema/$id', () => {
    const { components } = crmDocument();
    for (const base of ['Account', 'Opportunity']) {
      for (const name of [base, `${base}Create`, `${base}Patch`, `${base}List`]) {
        expect(components.schemas[name], name).toBeDefined();
        expect(components.schemas[name]).not.toHaveProperty('$schema');
        expect(components.schemas[name]).not.toHaveProperty('$id');
      }
    }
    expect(components.schemas.OpportunityList).toMatchObject({
      required: ['data', 'nextCursor'],
      properties: { data: { items: { $ref: '#/components/schemas/Opportunity' } }, nextCursor: { type: ['string', 'null'] } },
    });
    const create = operation(crmDocument(), '/api/v1/objects/opportunity/records', 'post');
    expect(create.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/OpportunityCreate' });
    const patch = operation(crmDocument(), '/api/v1/objects/opportunity/records/{id}', 'patch');
    expect(patch.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/OpportunityPatch' });
  });

  it('lists picklist values as an enum and their en/zh labels in the description', () => {
    const document = crmDocument();
    const create = document.components.schemas.OpportunityCreate as { properties: Record<string, SchemaObject> };
    const stage = create.properties.stage!;
    expect(enumOf(document, stage)).toEqual(['prospecting', 'won']); // inactive values are refused on writes
    const output = document.components.schemas.Opportunity as { properties: Record<string, SchemaObject> };
    expect(enumOf(document, output.properties.stage!)).toEqual(['prospecting', 'won', 'legacy']);
    expect(enumOf(document, (output.properties.tags as { items: SchemaObject }).items)).toEqual(['hot', 'cold']);
    expect(stage.description).toContain('`prospecting`: Prospecting / 寻找客户');
    expect(stage.description).toContain('`legacy`: Legacy / 旧阶段 (inactive');
    expect(stage.description).toContain('Where the deal stands.');
    expect(stage.title).toBeDefined();

    const amount = create.properties.amount!;
    expect(amount.description).toContain('Amount / 金额');
    expect(amount.description).toContain('Help: Including tax / 含税金额');
    expect(output.properties.account?.description).toContain('`expand=account`');
    expect(output.properties.code?.description).toContain('OPP-{YYYY}-{0000}');
  });

  it('offers the lookup, many-to-many and user fields of each object (owner_id and created_by too), and only those, as expand values', () => {
    const document = crmDocument();
    const opportunityList = operation(document, '/api/v1/objects/opportunity/records', 'get');
    expect(inlineParameter(opportunityList, 'expand')).toMatchObject({
      in: 'query',
      style: 'form',
      explode: false,
      schema: { type: 'array', items: { enum: ['account', 'reviewer', 'partners', 'owner_id', 'created_by'] } },
    });
    expect(inlineParameter(opportunityList, 'expand')?.description).toContain('`account`');
    const accountList = operation(document, '/api/v1/objects/account/records', 'get');
    expect(inlineParameter(accountList, 'expand')?.schema).toMatchObject({ items: { enum: ['parent', 'owner_id', 'created_by'] } });

    const lonely = build({ snapshot: { objects: [{ ...accountObject(), fields: accountObject().fields.slice(0, 1) }] }, revision: 1, tenant: 't' });
    expect(inlineParameter(operation(lonely, '/api/v1/objects/account/records', 'get'), 'expand')?.schema).toMatchObject({
      items: { enum: ['owner_id', 'created_by'] },
    });
  });

  it('writes the list parameters from the object’s own fields', () => {
    const list = operation(crmDocument(), '/api/v1/objects/opportunity/records', 'get');
    const filter = inlineParameter(list, 'filter')!;
    expect(filter.schema).toMatchObject({ type: 'string' });
    expect(JSON.parse(filter.example as string)).toEqual({
      and: [{ '==': [{ var: 'stage' }, 'prospecting'] }, { '>=': [{ var: 'amount' }, 0] }],
    });
    expect(filter.description).toContain('`icontains`');
    // Every example, whatever the object, uses only operators the filter compiler accepts and real fields.
    for (const object of [accountObject(), opportunityObject(), { ...accountObject(), fields: [] }]) {
      const example = inlineParameter(
        operation(build({ snapshot: { objects: [object] }, revision: 1, tenant: 't' }), `/api/v1/objects/${object.apiName}/records`, 'get'),
        'filter',
      )?.example;
      const { operators, vars } = ruleParts(JSON.parse(example as string));
      expect(operators.filter((operator) => !(FILTER_OPERATORS as readonly string[]).includes(operator))).toEqual([]);
      expect(vars.filter((name) => !object.fields.some((field) => field.apiName === name) && name !== 'created_at')).toEqual([]);
    }

    const sort = inlineParameter(list, 'sort')!;
    const sortKeys = (sort.schema as { items: { enum: string[] } }).items.enum;
    expect(sortKeys).toEqual(expect.arrayContaining(['amount', '-amount', 'stage', 'created_at', '-id']));
    expect(sortKeys).not.toContain('tags'); // multipicklist (jsonb) does not sort
    expect(sort.description).toContain('`close_date`');
    expect(sort.description).not.toContain('`tags`');
    expect(sort.example).toEqual(['-amount', 'name']);

    const fields = inlineParameter(list, 'fields')!;
    expect((fields.schema as { items: { enum: string[] } }).items.enum).toEqual([
      'id',
      ...opportunityObject().fields.map((field) => field.apiName),
      'owner_id',
      'created_by',
      'created_at',
      'updated_at',
      'version',
      'deleted_at',
    ]);
    const refs = list.parameters?.filter((parameter): parameter is ReferenceObject => '$ref' in parameter).map((parameter) => parameter.$ref);
    expect(refs).toEqual(['#/components/parameters/Limit', '#/components/parameters/Cursor', '#/components/parameters/Deleted']);
    const document = crmDocument();
    expect(document.components.parameters.Limit?.schema).toEqual({ type: 'integer', minimum: 1, maximum: 200, default: 50 });
    expect(document.components.parameters.Deleted?.schema).toEqual({ type: 'string', enum: ['only', 'include'] });
  });

  it('takes If-Match on patch and describes what deleting does to lookups pointing here', () => {
    const document = crmDocument();
    const patch = operation(document, '/api/v1/objects/opportunity/records/{id}', 'patch');
    expect(patch.parameters).toEqual([{ $ref: '#/components/parameters/IfMatch' }]);
    expect(document.components.parameters.IfMatch).toMatchObject({ name: 'If-Match', in: 'header' });
    const deleteAccount = operation(document, '/api/v1/objects/account/records/{id}', 'delete');
    expect(deleteAccount.description).toContain('`opportunity.account` (restrict)');
    expect(deleteAccount.description).toContain('`account.parent` (setNull)');
    expect(deleteAccount.responses['204']).toBeDefined();
  });

  it('answers errors with application/problem+json and the Problem schema', () => {
    const document = crmDocument();
    const problem = document.components.schemas.Problem as { properties: Record<string, SchemaObject>; required: string[] };
    expect(problem.required).toEqual(['type', 'title', 'status', 'code']);
    expect(problem.properties.errors).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/ProblemError' },
      description: expect.any(String),
    });
    expect(problem.properties.code?.enum).toEqual(expect.arrayContaining(['TSR112', 'TSR400']));
    expect(document.components.schemas.ProblemError).toMatchObject({ required: ['path', 'code', 'message'] });

    const patch = operation(document, '/api/v1/objects/opportunity/records/{id}', 'patch');
    expect(Object.keys(patch.responses)).toEqual(['200', '400', '401', '404', '409', 'default']);
    for (const status of ['400', '401', '404', '409']) {
      const reference = patch.responses[status] as ReferenceObject;
      const response = resolve(document, reference.$ref) as { content: Record<string, { schema: SchemaObject }> };
      expect(Object.keys(response.content)).toEqual(['application/problem+json']);
      expect(response.content['application/problem+json']?.schema).toEqual({ $ref: '#/components/schemas/Problem' });
    }
    expect((patch.responses['409'] as ReferenceObject).description).toContain('TSR112');
    const apply = operation(document, '/api/v1/metadata/apply', 'post');
    expect((apply.responses['422'] as ReferenceObject).$ref).toBe('#/components/responses/UnprocessableContent');
  });

  it('secures tenant routes with a bearer token and leaves health and the metamodel schemas public', () => {
    const document = crmDocument();
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    expect(operation(document, '/api/v1/health', 'get').security).toEqual([]);
    expect(operation(document, '/api/v1/metadata/schemas/document.schema.json', 'get').security).toEqual([]);
    expect(operation(document, '/api/v1/metadata', 'get').security).toBeUndefined();
    expect(document.components.schemas.MetadataDocument).toMatchObject({
      externalDocs: { url: 'https://tessera.dev/schemas/v1/document.schema.json' },
    });
  });

  it('adds stage move, history, board, funnel and forecast for objects with pipelines, and drops the move for a reader who may not update', async () => {
    // Only what the generator reads of a pipeline: its name, stage field and stage values.
    const pipelines = [{ apiName: 'sales', stageField: 'stage', stages: [{ value: 'prospecting' }, { value: 'won' }] }];
    const withPipeline = { ...opportunityObject(), pipelines } as unknown as NormalisedObject;
    const document = build({ snapshot: { objects: [accountObject(), withPipeline] }, revision: 1, tenant: 'acme' });
    expect((await validateOpenApi(document)).errors ?? []).toEqual([]);
    const pipelinePaths = ['board', 'funnel', 'forecast', 'records/{id}/stage', 'records/{id}/stage-history'];
    for (const path of pipelinePaths) {
      expect(document.paths[`/api/v1/objects/opportunity/${path}`], path).toBeDefined();
      expect(document.paths[`/api/v1/objects/account/${path}`], path).toBeUndefined();
    }
    expect(inlineParameter(operation(document, '/api/v1/objects/opportunity/funnel', 'get'), 'pipeline')?.schema).toEqual({ type: 'string', enum: ['sales'] });
    expect(operation(document, '/api/v1/objects/opportunity/records/{id}/stage', 'post').operationId).toBe('moveStageOpportunity');
    expect(Object.keys(document.components.schemas ?? {})).toEqual(
      expect.arrayContaining(['PipelineFunnel', 'PipelineForecast', 'StageHistoryEntry', 'StageMoveRequest']),
    );
    expect(Object.keys(crmDocument().components.schemas ?? {})).not.toContain('PipelineFunnel');

    const reader = { create: false, update: false, delete: false, writable: [] };
    const readOnly = build({
      snapshot: { objects: [accountObject(), withPipeline] },
      revision: 1,
      tenant: 'acme',
      permissions: { objects: { account: reader, opportunity: reader }, manageMetadata: false },
    });
    expect(Object.keys(readOnly.paths).filter((path) => path.startsWith('/api/v1/packages'))).toEqual([]);
    expect(readOnly.paths['/api/v1/objects/opportunity/records/{id}/stage']).toBeUndefined();
    expect(readOnly.paths['/api/v1/objects/opportunity/board']?.get).toBeDefined();
    // A pipeline whose stage field the reader cannot see is not offered at all.
    const hidden = { ...withPipeline, fields: withPipeline.fields.filter((field) => field.apiName !== 'stage') };
    expect(build({ snapshot: { objects: [hidden] }, revision: 1, tenant: 'acme' }).paths['/api/v1/objects/opportunity/board']).toBeUndefined();
  });

  it('is deterministic: equal input gives an equal document, whatever the object order', () => {
    const snapshot = crmSnapshot();
    const before = structuredClone(snapshot);
    const first = build({ snapshot, revision: 3, tenant: 'acme' });
    expect(build({ snapshot, revision: 3, tenant: 'acme' })).toEqual(first);
    expect(JSON.stringify(build({ snapshot, revision: 3, tenant: 'acme' }))).toBe(JSON.stringify(first));
    const reversed = build({ snapshot: { objects: [...snapshot.objects].reverse() }, revision: 3, tenant: 'acme' });
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(first));
    expect(snapshot).toEqual(before); // the input is not mutated
    first.components.schemas.Problem!.title = 'changed';
    expect(build({ snapshot, revision: 3, tenant: 'acme' }).components.schemas.Problem).not.toHaveProperty('title');
  });

  it('gives objects whose names would clash distinct component names', async () => {
    const accountList: NormalisedObject = { ...accountObject(), apiName: 'account_list', fields: accountObject().fields.slice(0, 1) };
    const document = build({ snapshot: { objects: [accountObject(), accountList] }, revision: 1, tenant: 'acme' });
    expect(document.components.schemas.AccountList).toMatchObject({ required: ['data', 'nextCursor'] });
    expect(document.components.schemas.Object_account_list).toBeDefined();
    expect(operation(document, '/api/v1/objects/account_list/records', 'get').operationId).toBe('listObject_account_listRecords');
    expect(document.tags.map((tag) => tag.name)).toEqual([
      'System',
      'Metadata',
      'Notifications',
      'Packages',
      'People',
      'Views',
      'Search',
      'Data in and out',
      'Import',
      'Account',
      'Account (account_list)',
    ]);
    expect((await validateOpenApi(document)).valid).toBe(true);
  });

  it('embeds record schemas that compile with a JSON Schema 2020-12 validator and accept a record', () => {
    const document = crmDocument();
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema(structuredClone(document) as object, 'openapi');
    for (const name of Object.keys(document.components.schemas)) {
      expect(() => ajv.compile({ $ref: `openapi#/components/schemas/${name}` }), name).not.toThrow();
    }
    const validCreate = ajv.compile({ $ref: 'openapi#/components/schemas/OpportunityCreate' });
    const record = { name: 'Big deal', stage: 'prospecting', account: '0190f2a4-8a4e-7000-8000-000000000001' };
    expect(validCreate(record), JSON.stringify(validCreate.errors)).toBe(true);
    expect(validCreate({ ...record, stage: 'nope' })).toBe(false);
    expect(validCreate({ ...record, stage: 'legacy' })).toBe(false);
    expect(validCreate({ ...record, code: 'OPP-2026-0001' })).toBe(false); // autonumbers are read-only
  });

  it('documents a lookup as the target id, or the target record with expand', () => {
    const document = crmDocument();
    const output = document.components.schemas.Opportunity as { properties: Record<string, SchemaObject> };
    expect(output.properties.account).toMatchObject({
      oneOf: [{ type: ['string', 'null'], format: 'uuid' }, { $ref: '#/components/schemas/Account' }],
    });
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema(structuredClone(document) as object, 'openapi');
    const validRecord = ajv.compile({ $ref: 'openapi#/components/schemas/Opportunity' });
    const standard = {
      owner_id: null,
      created_by: null,
      created_at: '2026-11-22T12:19:52.123Z',
      updated_at: '2026-11-22T12:19:52.123Z',
      version: 1,
      deleted_at: null,
    };
    const account = { id: '0190f2a4-8a4e-7000-8000-000000000001', name: 'Acme', parent: null, ...standard };
    const opportunity = {
      id: '0190f2a4-8a4e-7000-8000-000000000002',
      ...Object.fromEntries(opportunityObject().fields.map((field) => [field.apiName, null])),
      name: 'Big deal',
      stage: 'legacy',
      tags: ['hot'],
      code: 'OPP-2026-0001',
      ...standard,
    };
    expect(validRecord({ ...opportunity, account: account.id }), JSON.stringify(validRecord.errors)).toBe(true);
    expect(validRecord({ ...opportunity, account }), JSON.stringify(validRecord.errors)).toBe(true);
    expect(validRecord({ ...opportunity, account: { name: 'no id' } })).toBe(false);
  });
});

/** The enum of a property, looking through `$ref`, `anyOf`/`oneOf` and `type: [..., null]`. */
function enumOf(document: OpenApiDocument, schema: SchemaObject): unknown[] {
  if (Array.isArray(schema.enum)) return schema.enum.filter((value) => value !== null);
  if (typeof schema.$ref === 'string') return enumOf(document, resolve(document, schema.$ref) as SchemaObject);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) {
      const found = branches.flatMap((branch) => enumOf(document, branch as SchemaObject));
      if (found.length > 0) return found;
    }
  }
  return [];
}

/** Operator names and `var` operands used anywhere in a JsonLogic rule. */
function ruleParts(rule: unknown): { operators: string[]; vars: string[] } {
  const operators: string[] = [];
  const vars: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [operator, args] of Object.entries(node)) {
      operators.push(operator);
      if (operator === 'var' && typeof args === 'string') vars.push(args);
      else walk(args);
    }
  };
  walk(rule);
  return { operators, vars };
}
