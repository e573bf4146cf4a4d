// File name → JSON text of each published schema; shared by the writer script and its drift test.
import { PACKAGE_SCHEMA } from '../packages/package-schema.ts';
import { DOCUMENT_SCHEMA, OBJECT_SCHEMA } from './object-schema.ts';

export function renderSchemaFiles(): Record<string, string> {
  return {
    'object.schema.json': `${JSON.stringify(OBJECT_SCHEMA, null, 2)}\n`,
    'document.schema.json': `${JSON.stringify(DOCUMENT_SCHEMA, null, 2)}\n`,
    'package.schema.json': `${JSON.stringify(PACKAGE_SCHEMA, null, 2)}\n`,
  };
}
