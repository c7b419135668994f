import { ApiError } from './api/client';

/**
 * The first message per form field of a validation problem. Server keys ("Name", "scopes[1]",
 * "$.plan", "Key.Name") are matched on their first segment, case-insensitively.
 */
export function fieldErrorsOf<F extends string>(error: unknown, fields: readonly F[]): Partial<Record<F, string>> {
  const result: Partial<Record<F, string>> = {};
  if (!(error instanceof ApiError)) return result;
  for (const [key, messages] of Object.entries(error.errors)) {
    const name = key.replace(/^\$\.?/, '').split(/[.[]/)[0]!.toLowerCase();
    const field = fields.find((f) => f.toLowerCase() === name);
    if (field && messages[0] && !result[field]) result[field] = messages[0];
  }
  return result;
}
