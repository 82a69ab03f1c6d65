// Results cross process boundaries as values, never as thrown errors (the Signal-Desktop way), so a renderer can
// always tell a refusal from a crash and show the reason.
import { z } from 'zod';
import { ErrorInfo } from './errors.ts';

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: ErrorInfo };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (error: ErrorInfo): Err => ({ ok: false, error });

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ErrorInfo }),
  ]);
}
