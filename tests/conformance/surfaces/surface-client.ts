// The suite's HTTP client: every response is checked for a 5xx (reported with method, path and the
// request and response bodies), and each check is counted under its surface so the suite can print
// and bound how many cases ran.
import type { NormalisedField } from '@tessera/metadata';
import { expect } from 'vitest';
import { type UploadedRef, uploadSampleFile } from '../../support/sample-files.ts';
import type { HttpResult, TestServer } from '../../support/test-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: responses are dynamic JSON
type Json = any;

export class SurfaceClient {
  readonly counts = new Map<string, number>();

  constructor(
    private readonly server: TestServer,
    private readonly token: string,
  ) {}

  async send<T = Json>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> {
    const result = await this.server.request<T>(method, path, { token: this.token, body });
    if (result.status >= 500) {
      const sent = body === undefined ? '' : `\nrequest body: ${JSON.stringify(body).slice(0, 2000)}`;
      throw new Error(`${method} ${path} answered ${result.status}${sent}\nresponse: ${result.text.slice(0, 2000)}`);
    }
    return result;
  }

  get = <T = Json>(path: string) => this.send<T>('GET', path);
  post = <T = Json>(path: string, body: unknown) => this.send<T>('POST', path, body);
  patch = <T = Json>(path: string, body: unknown) => this.send<T>('PATCH', path, body);
  put = <T = Json>(path: string, body: unknown) => this.send<T>('PUT', path, body);

  /** GET with a query built from the entries (values JSON-encoded when they are not strings). */
  query<T = Json>(path: string, query: Record<string, unknown>): Promise<HttpResult<T>> {
    const search = new URLSearchParams(
      Object.entries(query).map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
    );
    return this.get<T>(`${path}?${search}`);
  }

  /** An upload for a file or image field (tests/support/sample-files.ts), counted. */
  async upload(object: string, field: NormalisedField, index: number): Promise<UploadedRef> {
    this.count('upload');
    return uploadSampleFile(this.server.baseUrl, this.token, object, field, index);
  }

  /** Counts one case of a surface. */
  count(surface: string, cases = 1): void {
    this.counts.set(surface, (this.counts.get(surface) ?? 0) + cases);
  }

  /** Expects a status and counts the case, with the response in the failure message. */
  expectStatus(result: HttpResult, status: number, surface: string, what: string): void {
    expect(result.status, `${surface}: ${what}: ${result.text.slice(0, 800)}`).toBe(status);
    this.count(surface);
  }
}
