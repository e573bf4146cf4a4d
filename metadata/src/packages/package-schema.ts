// The JSON Schema of tessera.json (published as schemas/package.schema.json), so an editor
// validates a manifest while it is typed; validatePackage checks the same schema with ajv.
import type { JsonSchema } from '../schemas/json-schema.ts';
import { SCHEMA_BASE_URL } from '../schemas/object-schema.ts';
import { NAMESPACE_PATTERN } from './package-types.ts';

export const PACKAGE_SCHEMA_ID = `${SCHEMA_BASE_URL}package.schema.json`;

const labels: JsonSchema = {
  type: 'object',
  properties: { en: { type: 'string', minLength: 1 }, zh: { type: 'string', minLength: 1 } },
  additionalProperties: false,
  minProperties: 1,
};
const globs: JsonSchema = { type: 'array', items: { type: 'string', minLength: 1, pattern: '^(?!/)(?!.*\\.\\.)' } };

export const PACKAGE_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: PACKAGE_SCHEMA_ID,
  title: 'Tessera package manifest (tessera.json)',
  type: 'object',
  required: ['namespace', 'name', 'version', 'labels', 'contents'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    namespace: { type: 'string', pattern: NAMESPACE_PATTERN, description: 'Owner of every object the package defines; unique per tenant.' },
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,213}$' },
    version: { type: 'string', maxLength: 64, description: 'Semver version of this release, e.g. 1.2.0.' },
    labels,
    description: labels,
    platform: { type: 'string', minLength: 1, description: 'Semver range of Tessera versions the package runs on.' },
    dependencies: {
      type: 'object',
      propertyNames: { pattern: NAMESPACE_PATTERN },
      additionalProperties: { type: 'string', minLength: 1 },
      description: 'Namespace of an installed package → semver range it must satisfy.',
    },
    contents: {
      type: 'object',
      additionalProperties: false,
      properties: { objects: globs, security: globs, sampleData: globs, calendars: globs },
    },
  },
};
