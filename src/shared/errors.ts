// The one error shape of the whole product: the backend answers it with a 4xx/5xx status, the desk core returns it
// through the bridge, the interface shows `message` and puts each `fields` entry on its form field.
import { z } from 'zod';

export const ErrorCode = z.enum([
  'bad_request', // the input does not match the contract; `fields` names each field and why
  'unauthenticated',
  'forbidden', // signed in, but the role may not do this
  'not_found',
  'conflict', // e.g. a customer equal to the seller, a duplicate e-mail
  'chat_disabled', // F12: the mobile-app side is switched off
  'participant_muted', // B9: a muted customer or seller may not send until `until`
  'participant_banned', // B9: a banned customer or seller may not sign in or use the chat until `until` (null: lifted only)
  'cursor_too_old', // the change feed cannot replay from the given seq any more
  'payload_too_large',
  'rate_limited',
  'offline', // desk only: the backend cannot be reached (the action stays queued)
  'cancelled',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorInfo = z.object({
  code: z.string(),
  message: z.string(),
  /** field path (dot-separated) → why it was refused */
  fields: z.record(z.string(), z.string()).optional(),
  /** A refused "all matching" bulk action: how many sessions its filter matches now (more than confirmed). */
  currentCount: z.number().int().optional(),
  /** A refused muted or banned participant (B9): when the mute or ban ends; null for a ban until lifted. */
  until: z.string().nullable().optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

export const ErrorBody = z.object({ error: ErrorInfo });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** An error that carries an ErrorInfo across layers (thrown in the core and the server, serialised at the edge). */
export class AppError extends Error {
  readonly code: ErrorCode | (string & {});
  readonly fields: Record<string, string> | undefined;
  readonly status: number;
  /** See ErrorInfo.currentCount. */
  currentCount: number | undefined;
  /** See ErrorInfo.until. */
  until: string | null | undefined;
  constructor(code: ErrorCode | (string & {}), message: string, fields?: Record<string, string>, status?: number) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
    this.status = status ?? statusForCode(code);
  }
  /** The error a received ErrorInfo describes (the desk's client, from the backend's answer). */
  static fromInfo(info: ErrorInfo, status?: number): AppError {
    const error = new AppError(info.code, info.message, info.fields, status);
    error.currentCount = info.currentCount;
    error.until = info.until;
    return error;
  }
  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    if (this.fields) info.fields = this.fields;
    if (this.currentCount !== undefined) info.currentCount = this.currentCount;
    if (this.until !== undefined) info.until = this.until;
    return info;
  }
}

export function statusForCode(code: string): number {
  switch (code) {
    case 'bad_request':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
    case 'chat_disabled':
    case 'participant_muted':
    case 'participant_banned':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'cursor_too_old':
      return 410;
    case 'payload_too_large':
      return 413;
    case 'rate_limited':
      return 429;
    case 'offline':
      return 503;
    default:
      return 500;
  }
}

/** The reason given for a key a strict schema does not know. */
export const UNKNOWN_FIELD = 'is not a known field';

const joinPath = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** Field path → reason for each issue; an unknown key is named itself (`query.sessionIds`), not its parent. */
function collectFields(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[],
  fields: Record<string, string>,
) {
  const put = (path: string, reason: string) => {
    if (!(path in fields)) fields[path] = reason;
  };
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) put(joinPath([...path, key]), UNKNOWN_FIELD);
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // No form fits: name the unknown keys every form refuses (a misspelling), then what the field must be.
      const perBranch = issue.errors.map((branch) => {
        const unknown: Record<string, string> = {};
        collectFields(
          branch.filter((i) => i.code === 'unrecognized_keys'),
          path,
          unknown,
        );
        return unknown;
      });
      const [first, ...rest] = perBranch;
      for (const key of Object.keys(first ?? {})) if (rest.every((b) => key in b)) put(key, UNKNOWN_FIELD);
      put(joinPath(path), issue.message);
    } else {
      put(joinPath(path), issue.message);
    }
  }
}

/** Turns a zod failure into `fields` (path → reason) and a message naming the first field. */
export function errorFromZod(error: z.ZodError, what = 'input'): AppError {
  const collected: Record<string, string> = {};
  collectFields(error.issues, [], collected);
  const fields: Record<string, string> = {};
  for (const [path, reason] of Object.entries(collected)) fields[path || what] = reason;
  const [firstPath, firstReason] = Object.entries(fields)[0] ?? [what, 'is invalid'];
  return new AppError('bad_request', `Invalid ${what}: ${firstPath} ${firstReason}`, fields);
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  if (error instanceof z.ZodError) return errorFromZod(error).toInfo();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}

/**
 * 409 for an "all matching" bulk action that would touch more sessions than the person confirmed: the backend's and
 * the desk core's one refusal, with the current count to confirm again. `field` is where the count sits in the input.
 */
export function moreThanConfirmed(current: number, confirmed: number, field: string): AppError {
  const error = new AppError(
    'conflict',
    `The filter now matches ${current} sessions, more than the ${confirmed} confirmed: confirm again`,
    { [field]: `is ${confirmed}, the filter now matches ${current}` },
  );
  error.currentCount = current;
  return error;
}
