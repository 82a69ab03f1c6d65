// Every request schema of the contract refuses keys it does not know (issue 12): the backend's bodies, query strings
// and path parameters (api.ts), every bridge call's input and the preferences (bridge.ts). Walked structurally (every
// nested object must be a strict object) and by behaviour (an unknown key, at the top and nested, is named in
// `fields`), so a new schema declared with a lenient z.object fails here.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as api from '../../../src/shared/api.ts';
import { bridgeCalls, Prefs, SavedView, WsBridgeFrame } from '../../../src/shared/bridge.ts';
import { errorFromZod, UNKNOWN_FIELD } from '../../../src/shared/errors.ts';
import { inspectInput, MAX_INPUT_DEPTH, MAX_INPUT_KEYS, strictnessGaps } from '../../../src/shared/inputGuard.ts';

const requestSchemas = Object.entries(api as Record<string, unknown>).filter(
  (entry): entry is [string, z.ZodType] =>
    entry[1] instanceof z.ZodType && /(Body|Query|Params|Target|Filter)$/.test(entry[0]),
);
const inputs: Array<[string, z.ZodType]> = [
  ...requestSchemas,
  ...Object.entries(bridgeCalls).map(([name, spec]): [string, z.ZodType] => [`bridge ${name}`, spec.input]),
  ['Prefs', Prefs],
  ['Prefs.partial()', Prefs.partial()],
  ['SavedView', SavedView],
];

/** The fields an input is refused with. */
const refusal = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return result.success ? {} : (errorFromZod(result.error).fields ?? {});
};

describe('strict request schemas', () => {
  it('finds every request schema of api.ts and every bridge call', () => {
    expect(requestSchemas.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'SessionFilter',
        'SessionListQuery',
        'BulkTarget',
        'ExportTarget',
        'LoginBody',
        'IdParams',
      ]),
    );
    expect(requestSchemas.length).toBeGreaterThan(25);
    expect(inputs.length).toBeGreaterThan(60);
  });

  it("the web edition's bridge frames are strict too", () => {
    expect(strictnessGaps(WsBridgeFrame)).toEqual([]);
    expect(WsBridgeFrame.safeParse({ kind: 'invoke', id: 1, name: 'app.info', input: {}, extra: 1 }).success).toBe(
      false,
    );
  });

  it.each(inputs)('%s: every object in it is strict', (_name, schema) => {
    expect(strictnessGaps(schema)).toEqual([]);
  });

  it.each(inputs)('%s: an unknown top-level key is named', (_name, schema) => {
    expect(refusal(schema, { zzUnknown: 1 })).toHaveProperty(['zzUnknown'], UNKNOWN_FIELD);
  });

  it('names unknown keys nested in a filter, a bulk target and a saved view', () => {
    const asOf = '2026-01-01T00:00:00.000Z';
    expect(refusal(api.BulkTarget, { query: { sessionIds: ['x'] } })).toHaveProperty(['query'], UNKNOWN_FIELD);
    expect(
      refusal(api.BulkTarget, { allMatching: { filter: { sesionIds: [] }, confirmedCount: 1, asOf } }),
    ).toHaveProperty(['allMatching.filter.sesionIds'], UNKNOWN_FIELD);
    expect(refusal(api.BulkTarget, { allMatching: { filter: {}, confirmedCount: 1, asOf, all: true } })).toHaveProperty(
      ['allMatching.all'],
      UNKNOWN_FIELD,
    );
    expect(
      refusal(bridgeCalls['prefs.update'].input, {
        savedViews: [{ id: 'v', name: 'Mine', filter: { sellerid: 'x' }, sort: 'product', order: 'asc' }],
      }),
    ).toHaveProperty(['savedViews.0.filter.sellerid'], UNKNOWN_FIELD);
  });

  it('has no bulk target meaning "everything": empty, ids: [] and "all matching" without a confirmed count fail', () => {
    for (const value of [{}, { ids: [] }, { query: {} }, { ids: [], query: {} }, { allMatching: { filter: {} } }]) {
      expect(api.BulkTarget.safeParse(value).success, JSON.stringify(value)).toBe(false);
    }
    const asOf = '2026-01-01T00:00:00.000Z';
    expect(api.BulkTarget.safeParse({ allMatching: { filter: {}, confirmedCount: 0, asOf } }).success).toBe(false);
    expect(api.BulkTarget.safeParse({ allMatching: { filter: {}, confirmedCount: 3, asOf } }).success).toBe(true);
    expect(api.ExportTarget.safeParse({ allMatching: { filter: {} } }).success).toBe(true);
  });

  it('strictnessGaps finds a lenient object at any depth, and the OpenAPI form says additionalProperties: false', () => {
    expect(strictnessGaps(z.object({ a: z.string() }))).toEqual(['$']);
    expect(strictnessGaps(z.strictObject({ a: z.array(z.object({ b: z.string() })).optional() }))).toEqual(['$.a[]']);
    expect(strictnessGaps(z.union([z.strictObject({}), z.looseObject({})]))).toEqual(['$|1']);
    const json = JSON.stringify(z.toJSONSchema(api.BulkTarget, { io: 'input', target: 'openapi-3.0' }));
    expect(json.match(/"additionalProperties":false/g)?.length).toBe(4);
  });
});

describe('input guard', () => {
  it('bounds depth and keys without recursion, and refuses NUL and lone surrogates naming the field', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inspectInput(deep)?.reason).toBe(`is nested deeper than ${MAX_INPUT_DEPTH} levels`);
    const wide = Object.fromEntries(Array.from({ length: MAX_INPUT_KEYS + 1 }, (_, i) => [`k${i}`, i]));
    expect(inspectInput(wide)?.reason).toBe(`has more than ${MAX_INPUT_KEYS} keys in all`);
    expect(inspectInput({ a: [{ b: 'x\u0000' }] })).toEqual({
      path: 'a.0.b',
      reason: 'must not contain the NUL character (U+0000)',
    });
    expect(inspectInput({ name: '\udc00' })?.path).toBe('name');
    expect(inspectInput({ 'k\u0000': 1 })?.path).toBe('k\u0000');
    expect(inspectInput(JSON.parse('{"__proto__": {"admin": true}}'))?.path).toBe('__proto__');
    expect(inspectInput({ text: 'مرحبا 👋 \t\n', n: [1, 2, { ok: true }] })).toBeNull();
  });
});
