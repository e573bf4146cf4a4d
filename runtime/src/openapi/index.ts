export { type BuildOpenApiInput, buildOpenApi } from './build-openapi.ts';
export type { OpenApiDocument } from './openapi-types.ts';
