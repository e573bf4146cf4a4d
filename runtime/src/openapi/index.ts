export { type BuildOpenApiInput, buildOpenApi, type OpenApiPermissions } from './build-openapi.ts';
export type { OpenApiDocument } from './openapi-types.ts';
