// Checks real responses against the schema the tenant's OpenAPI document gives for them, so the
// document is held to what the server sends. `$ref`s resolve inside the document.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';

type Json = Record<string, unknown>;

export function responseChecker(document: Json): (path: string, method: 'get' | 'post', status: string, body: unknown) => void {
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  ajv.addSchema({ ...document, $id: 'openapi' });
  return (path, method, status, body) => {
    const operation = (document.paths as Json)[path] as Json | undefined;
    const response = ((operation?.[method] as Json | undefined)?.responses as Json | undefined)?.[status] as Json | undefined;
    const schema = ((response?.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema;
    if (!schema) throw new Error(`the document has no JSON schema for ${method.toUpperCase()} ${path} ${status}`);
    // Inline schemas refer to components as `#/components/…`; point those into the added document.
    const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')) as object;
    const validate = ajv.compile(rebased);
    expect(validate(body) ? [] : validate.errors, `${method.toUpperCase()} ${path} ${status}`).toEqual([]);
  };
}
