// How the backend reads what a caller sends, before any route sees it:
// - JSON bodies (the only type taken; bytes that are not UTF-8 are refused, not replaced): JSON.parse, then a bounded, non-recursive walk (inputGuard.ts) that refuses bodies nested too deep,
//   with too many keys, or with text PostgreSQL cannot store, naming the field; sign-in routes included. Nothing
//   after it (the idempotency fingerprint's JSON.stringify, the schemas) can then overflow the stack or reach the
//   database with a NUL.
// - Query strings: percent-decoded strictly; a malformed escape or bytes that are not UTF-8 make the parameter
//   refused (400 naming it) instead of searched for as typed. Repeated names become arrays (which no schema takes).
// - Fastify's own refusals (a malformed path such as `/%ZZ`, an over-long parameter) in the one error body.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorBody } from '../../shared/errors.ts';
import { inspectInput } from '../../shared/inputGuard.ts';

/** A refusal naming the field: `path` (`items.0.name`), or `what` for the whole input. */
export function inputRefusal(what: string, problem: { path: string; reason: string }): AppError {
  const field = problem.path || what;
  return new AppError('bad_request', `Invalid ${what}: ${field} ${problem.reason}`, { [field]: problem.reason });
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function registerJsonParser(app: FastifyInstance): void {
  // JSON is the only body the API takes: text/plain (Fastify's other default) is refused like any other type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, bytes, done) => {
    let source: string;
    try {
      source = utf8.decode(bytes as Buffer);
    } catch {
      const reason = 'is not valid UTF-8';
      done(new AppError('bad_request', `Invalid body: ${reason}`, { body: reason }), undefined);
      return;
    }
    if (source.trim() === '') {
      done(new AppError('bad_request', 'Invalid body: it is empty (send JSON)', { body: 'is empty' }), undefined);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (error) {
      const reason = `is not valid JSON (${(error as Error).message.slice(0, 100)})`;
      done(new AppError('bad_request', `Invalid body: ${reason}`, { body: reason }), undefined);
      return;
    }
    const problem = inspectInput(value);
    done(problem ? inputRefusal('body', problem) : null, problem ? undefined : value);
  });
}

/** Set on a parsed query string whose raw text had a malformed escape: the name of the first such parameter. */
export const MALFORMED_QUERY = Symbol('malformed query parameter');

function decode(part: string): string {
  return decodeURIComponent(part.replaceAll('+', ' '));
}

/** `a=1&b=x+y&a=2` → `{ a: ['1', '2'], b: 'x y' }`, with a null prototype (a `__proto__` name stays a plain key). */
export function parseQueryString(text: string): Record<string, unknown> {
  const result: Record<string | symbol, unknown> = Object.create(null);
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const rawName = at < 0 ? pair : pair.slice(0, at);
    const rawValue = at < 0 ? '' : pair.slice(at + 1);
    let name: string;
    let value: string;
    try {
      name = decode(rawName);
      value = decode(rawValue);
    } catch {
      result[MALFORMED_QUERY] ??= rawName.slice(0, 100);
      continue;
    }
    const previous = result[name];
    result[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return result;
}

/** The refusal of a query string parseQueryString marked malformed, or null. */
export function malformedQuery(query: unknown): AppError | null {
  const name = (query as Record<symbol, unknown> | null)?.[MALFORMED_QUERY];
  if (typeof name !== 'string') return null;
  const reason = 'has a malformed percent-escape or bytes that are not UTF-8';
  return new AppError('bad_request', `Invalid query: ${name} ${reason}`, { [name]: reason });
}

/** Fastify's refusals before routing (FST_ERR_BAD_URL for `/%ZZ`, …) answered with the product's error body. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const path = request.url.split('?')[0]?.slice(0, 200) ?? '';
  const body: ErrorBody = {
    error: {
      code: 'bad_request',
      message: `Malformed request ${path}: ${error.message}`,
      fields: { url: error.message },
    },
  };
  void reply.code(status).send(body);
}
