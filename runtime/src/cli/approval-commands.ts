// `tessera approvals submit|approve|reject|recall|show|inbox`: the approvals API for scripts. Approvals
// are a user's decisions, so these commands talk to a running server as that user (`--url` or
// TESSERA_URL, `--token` or TESSERA_TOKEN: a personal `tsu_…` token, or a tenant token) instead of
// opening the database. A refusal comes back as the server's problem+json, code and all.
import type { ErrorCode, ProblemDetail } from '@tessera/metadata';
import { ApiError } from '../core/api-error.ts';

export interface ApprovalCliOptions {
  url?: string;
  token?: string;
  flow?: string;
  comment?: string;
  to?: string;
  box?: string;
  stage?: string;
}

type Result = { summary: string; data: Record<string, unknown> };

export async function approvalsCommand(sub: string | undefined, args: readonly string[], options: ApprovalCliOptions): Promise<Result> {
  const base = (options.url ?? process.env.TESSERA_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
  const token = options.token ?? process.env.TESSERA_TOKEN;
  if (!token) throw new ApiError('TSR100', 'Give a token with --token or TESSERA_TOKEN.');
  const call = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const parsed = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok)
      throw new ApiError(
        (parsed.code as ErrorCode) ?? 'TSR900',
        String(parsed.detail ?? response.statusText),
        (parsed.errors as ProblemDetail[]) ?? [],
        response.status,
      );
    return parsed;
  };
  const comment = options.comment === undefined ? {} : { comment: options.comment };
  const decided = (data: Record<string, unknown>): Result => ({
    summary: `Request ${data.id}: ${data.status}${data.currentStep ? ` (step ${data.currentStep})` : ''}.`,
    data,
  });
  const [first, second] = args;
  switch (sub) {
    case 'submit': {
      if (!first || !second) break;
      const body = {
        object: first,
        recordId: second,
        ...comment,
        ...(options.flow ? { flow: options.flow } : {}),
        ...(options.stage ? { stage: options.stage } : {}),
      };
      return decided(await call('POST', '/approvals/requests', body));
    }
    case 'approve':
      if (!first) break;
      return decided(await call('POST', `/approvals/requests/${encodeURIComponent(first)}/approve`, comment));
    case 'reject':
      if (!first) break;
      return decided(await call('POST', `/approvals/requests/${encodeURIComponent(first)}/reject`, { ...comment, ...(options.to ? { to: options.to } : {}) }));
    case 'recall':
      if (!first) break;
      return decided(await call('POST', `/approvals/requests/${encodeURIComponent(first)}/recall`, comment));
    case 'show':
      if (!first) break;
      return decided(await call('GET', `/approvals/requests/${encodeURIComponent(first)}`));
    case 'inbox': {
      const box = options.box ?? 'pending';
      const data = await call('GET', `/approvals/inbox?box=${encodeURIComponent(box)}`);
      return { summary: `${(data.data as unknown[]).length} item(s) in ${box}.`, data };
    }
  }
  throw new ApiError(
    'TSR100',
    'Usage: tessera approvals submit <object> <recordId> | approve|reject|recall|show <requestId> | inbox [--box pending|decided|submitted]',
  );
}
