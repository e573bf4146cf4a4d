import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../ajv/create-ajv.ts';
import { FIELD_FIXTURES, accountDef, opportunityDef } from '../testing/fixtures.ts';
import { FIELD_TYPES, type MetadataDocument, type ObjectDef } from '../types.ts';
import { DOCUMENT_SCHEMA, OBJECT_SCHEMA } from './object-schema.ts';
import { renderSchemaFiles } from './render-schema-files.ts';

const ajv = createAjv();
const validateObject = ajv.compile(OBJECT_SCHEMA);
const validateDocumentSchema = ajv.compile(DOCUMENT_SCHEMA);

describe('published JSON Schemas', () => {
  it('match the TypeScript source (run `npx tsx scripts/write-schemas.ts` after changing it)', () => {
    for (const [name, text] of Object.entries(renderSchemaFiles())) {
      const committed = readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8');
      expect(committed, name).toBe(text);
    }
  });

  it('carry stable $ids', () => {
    expect(OBJECT_SCHEMA.$id).toBe('https://tessera.dev/schemas/v1/object.schema.json');
    expect(DOCUMENT_SCHEMA.$id).toBe('https://tessera.dev/schemas/v1/document.schema.json');
  });
});

describe('object schema agrees with types.ts', () => {
  it('has a fixture for every field type', () => {
    expect(Object.keys(FIELD_FIXTURES).sort()).toEqual([...FIELD_TYPES].sort());
  });

  it.each(FIELD_TYPES)('accepts a valid %s field', (type) => {
    const object: ObjectDef = { apiName: 'x', labels: { en: 'X' }, fields: [FIELD_FIXTURES[type]] };
    expect(validateObject(object), JSON.stringify(validateObject.errors)).toBe(true);
  });

  it.each(FIELD_TYPES)('refuses a %s field with a property of another type', (type) => {
    const foreign = type === 'autonumber' ? { target: 'x' } : { format: '{000}' };
    const object = { apiName: 'x', labels: { en: 'X' }, fields: [{ ...FIELD_FIXTURES[type], ...foreign }] };
    expect(validateObject(object)).toBe(false);
  });

  it('accepts typed fixtures as objects and as a bundle, with $schema', () => {
    const bundle: MetadataDocument = { $schema: 'https://tessera.dev/schemas/v1/document.schema.json', objects: [opportunityDef(), accountDef()] };
    expect(validateObject(opportunityDef())).toBe(true);
    expect(validateDocumentSchema(opportunityDef())).toBe(true);
    expect(validateDocumentSchema(bundle)).toBe(true);
  });

  it('refuses unknown properties, empty labels and bad api names', () => {
    expect(validateObject({ ...accountDef(), colour: 'red' })).toBe(false);
    expect(validateObject({ ...accountDef(), labels: {} })).toBe(false);
    expect(validateObject({ ...accountDef(), labels: { fr: 'Compte' } })).toBe(false);
    expect(validateObject({ ...accountDef(), apiName: '9lives' })).toBe(false);
    expect(validateObject({ ...accountDef(), apiName: 'a'.repeat(64) })).toBe(false);
    expect(validateObject({ ...accountDef(), apiName: 'a'.repeat(63) })).toBe(true);
    expect(validateDocumentSchema({ objects: [accountDef()], extra: 1 })).toBe(false);
  });

  it('requires the type-specific properties', () => {
    const { values: _values, ...noValues } = FIELD_FIXTURES.picklist as { values: unknown };
    expect(validateObject({ ...accountDef(), fields: [noValues] })).toBe(false);
    expect(validateObject({ ...accountDef(), fields: [{ type: 'lookup', apiName: 'a', labels: { en: 'A' } }] })).toBe(false);
    expect(validateObject({ ...accountDef(), fields: [{ type: 'autonumber', apiName: 'a', labels: { en: 'A' } }] })).toBe(false);
  });
});
