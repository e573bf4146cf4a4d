// A problem+json from a failed save → RJSF extraErrors keyed by field (errors[].path `/amount` →
// `amount`), plus the messages that name no field of the form, for the banner above it.
import type { ErrorSchema } from '@rjsf/utils';
import type { ApiError } from '../api/index.ts';

export function serverErrors(error: ApiError | null, formFields: ReadonlySet<string>): { extraErrors: ErrorSchema | undefined; unplaced: string[] } {
  if (!error) return { extraErrors: undefined, unplaced: [] };
  const extraErrors: Record<string, { __errors: string[] }> = {};
  const unplaced: string[] = [];
  for (const [field, messages] of error.fieldErrors()) {
    if (formFields.has(field)) extraErrors[field] = { __errors: messages };
    else unplaced.push(...messages);
  }
  return { extraErrors: Object.keys(extraErrors).length > 0 ? (extraErrors as ErrorSchema) : undefined, unplaced };
}
