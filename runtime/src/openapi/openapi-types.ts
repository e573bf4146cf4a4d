// The slice of the OpenAPI 3.1 object model this generator writes. Deliberately loose where the
// spec is open-ended (schemas are JSON Schema 2020-12 as plain data).

/** A JSON Schema (draft 2020-12) or any other free-form JSON object. */
export type SchemaObject = { [keyword: string]: unknown };

export interface ReferenceObject {
  $ref: string;
  /** OpenAPI 3.1 lets a reference override the target's description. */
  description?: string;
}

export interface HeaderObject {
  description: string;
  required?: boolean;
  schema: SchemaObject;
}

export interface MediaTypeObject {
  schema: SchemaObject;
  example?: unknown;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, HeaderObject | ReferenceObject>;
  content?: Record<string, MediaTypeObject>;
}

export interface ParameterObject {
  name: string;
  in: 'query' | 'header' | 'path';
  description?: string;
  required?: boolean;
  style?: 'form' | 'simple';
  explode?: boolean;
  schema: SchemaObject;
  example?: unknown;
}

export interface RequestBodyObject {
  description?: string;
  required: boolean;
  content: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: (ParameterObject | ReferenceObject)[];
  requestBody?: RequestBodyObject;
  responses: Record<string, ResponseObject | ReferenceObject>;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type PathItemObject = { parameters?: (ParameterObject | ReferenceObject)[] } & {
  [method in HttpMethod]?: OperationObject;
};

export interface TagObject {
  name: string;
  description?: string;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; summary?: string; description?: string };
  servers?: { url: string; description?: string }[];
  security: Record<string, string[]>[];
  tags: TagObject[];
  paths: Record<string, PathItemObject>;
  components: {
    schemas: Record<string, SchemaObject>;
    parameters: Record<string, ParameterObject>;
    headers: Record<string, HeaderObject>;
    responses: Record<string, ResponseObject>;
    securitySchemes: Record<string, { type: 'http'; scheme: 'bearer'; description?: string }>;
  };
}

/** `#/components/<section>/<name>` as a Reference Object. */
export const ref = (section: keyof OpenApiDocument['components'], name: string, description?: string): ReferenceObject =>
  description === undefined ? { $ref: `#/components/${section}/${name}` } : { $ref: `#/components/${section}/${name}`, description };

export const schemaRef = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
