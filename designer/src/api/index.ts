export { ApiError } from './api-error.ts';
export { type ApiClient, type ClientOptions, createClient, listQueryString } from './client.ts';
export type * from './types.ts';
export type * from './package-types.ts';
export type { FileRef, FileTransfer } from './file-transfer.ts';
