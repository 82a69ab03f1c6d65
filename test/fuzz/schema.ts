// JSON Schema (as the backend's OpenAPI document and zod's toJSONSchema write it) → a valid sample, and fast-check
// arbitraries of values that are certainly NOT valid for it: wrong types, numbers out of range or not whole, strings
// too long or outside their format or enum, arrays too short or too long, objects with an unknown key or without a
// required one, and hostile nesting. Raw JSON fragments (deep nesting, 1e400) travel as `RawJson` so this process
// never builds or stringifies them itself.
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
}

/** A JSON text put into a body as it is (deep nesting, numbers JavaScript cannot hold). */
export class RawJson {
  readonly text: string;
  readonly label: string;
  constructor(text: string, label: string) {
    this.text = text;
    this.label = label;
  }
}

/** JSON text of a value that may hold RawJson fragments (and lone surrogates, escaped as JSON does). */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Control characters and lone surrogates written as escapes, so a report stays readable text. */
function printable(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      out += text.slice(i, i + 2);
      i++;
    } else if (c < 0x20 || c === 0x7f || (c >= 0xd800 && c <= 0xdfff)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += text[i];
  }
  return out;
}

/** A short description of a value for reports (long strings and raw fragments abbreviated). */
export function describeValue(value: unknown, max = 160): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : toJsonText(value);
  } catch {
    text = String(value);
  }
  const short = printable(value instanceof RawJson ? value.label : text);
  return short.length > max ? `${short.slice(0, max)}… (${text.length} chars)` : short;
}

/** Branches of a union, without a bare null branch (JSON Schema 2020-12's way of saying nullable). */
function branches(s: JsonSchema): JsonSchema[] | null {
  const list = s.anyOf ?? s.oneOf;
  if (!list) return null;
  return list.filter((b) => !(b.type === 'null' && Object.keys(b).length === 1));
}

function acceptsNull(s: JsonSchema): boolean {
  if (s.nullable) return true;
  if (Array.isArray(s.type) && s.type.includes('null')) return true;
  if (s.enum?.includes(null)) return true;
  return (s.anyOf ?? s.oneOf ?? []).some((b) => b.type === 'null' || acceptsNull(b));
}

/** The JSON types a schema accepts (null aside); `any` when it says nothing. */
export function typesOf(s: JsonSchema): Set<string> {
  const u = branches(s);
  if (u) return new Set(u.flatMap((b) => [...typesOf(b)]));
  if (s.allOf?.[0]) return typesOf(s.allOf[0]);
  if (s.enum)
    return new Set(s.enum.filter((e) => e !== null).map((e) => (typeof e === 'number' ? 'number' : typeof e)));
  if (s.const !== undefined) return new Set([typeof s.const]);
  const t = Array.isArray(s.type) ? s.type.filter((x) => x !== 'null') : s.type ? [s.type] : [];
  if (t.length === 0) return new Set(s.properties ? ['object'] : ['any']);
  return new Set(t.flatMap((x) => (x === 'integer' ? ['number'] : [x])));
}

/** A string field whose content is free (no format, pattern or enum): hostile text may be valid there. */
export function isFreeText(s: JsonSchema): boolean {
  return typesOf(s).has('string') && !s.format && !s.pattern && !s.enum && s.const === undefined && !branches(s);
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Ids to put where a field (by name) or a path asks for an id; a random v4 uuid when there is none. */
export type IdPool = (field: string) => string;

/** A value the schema accepts (ids from the pool), used as the base a single defect is put into. */
export function validSample(s: JsonSchema, field: string, pool: IdPool): unknown {
  const u = branches(s);
  if (u?.[0]) return validSample(u[0], field, pool);
  if (s.allOf?.[0]) return validSample(s.allOf[0], field, pool);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum.includes(true) ? true : s.enum[0];
  const type = [...typesOf(s)][0];
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = validSample(s.properties?.[key] ?? {}, key, pool);
      return out;
    }
    case 'array': {
      const n = Math.max(1, s.minItems ?? 0);
      return Array.from({ length: n }, () => validSample(s.items ?? {}, field, pool));
    }
    case 'number': {
      const lo = typeof s.minimum === 'number' ? s.minimum : 1;
      return Math.min(Math.max(lo, 1), typeof s.maximum === 'number' ? s.maximum : 1);
    }
    // Settings and flags keep their usual value (true), so a refused request that slipped through changes nothing.
    case 'boolean':
      return true;
    case 'string': {
      if (s.format === 'uuid' || s.pattern?.includes('[0-9a-fA-F]{8}')) return pool(field);
      if (s.format === 'email') return 'fuzz.sample@example.com';
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'uri') return 'http://127.0.0.1:9/';
      const n = Math.max(s.minLength ?? 0, 8);
      return 'fuzzsample'.repeat(2).slice(0, Math.min(n, s.maxLength ?? n));
    }
    default:
      return 'fuzz';
  }
}

const randomKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'prototype',
    'query',
    'filter',
    'all',
    'ids ',
    'Ids',
    '',
    '\u0000',
  ),
  fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,20}$/),
);

/** A key the object does not declare. */
export const unknownKeyFor = (s: JsonSchema | null) =>
  randomKey.filter(
    (k) =>
      !Object.hasOwn(s?.properties ?? {}, k) && !(s?.anyOf ?? []).some((b) => Object.hasOwn(b.properties ?? {}, k)),
  );

const deepArray = (depth: number) =>
  new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`, `[[…]] nested ${depth} deep`);
const deepObject = (depth: number) =>
  new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, `{"a":{"a":…}} nested ${depth} deep`);
const manyKeys = (n: number) =>
  new RawJson(`{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`, `object with ${n} keys`);

/** Values of other JSON types than the schema accepts (null only where null is refused). */
function wrongTypes(s: JsonSchema): fc.Arbitrary<unknown>[] {
  const accepted = typesOf(s);
  if (accepted.has('any')) return [];
  const out: fc.Arbitrary<unknown>[] = [];
  if (!accepted.has('string')) out.push(fc.constantFrom('1', 'true', '', '\u0000', '\ud800', 'null'));
  if (!accepted.has('number'))
    out.push(fc.constantFrom(0, -1, 1.5, 1e308, -1e308, new RawJson('1e400', '1e400'), new RawJson('-0', '-0')));
  if (!accepted.has('boolean')) out.push(fc.boolean());
  if (!accepted.has('object'))
    out.push(fc.constantFrom({}, { a: 1 }, new RawJson('{"__proto__":{"polluted":1}}', '{"__proto__":{…}}')));
  if (!accepted.has('array')) out.push(fc.constantFrom([], [1], [[]]));
  if (!acceptsNull(s)) out.push(fc.constant(null));
  // Hostile shapes that are wrong for every non-array/object field, as a parser sees them at any depth.
  if (!accepted.has('array')) out.push(fc.integer({ min: 100, max: 6000 }).map(deepArray));
  if (!accepted.has('object')) out.push(fc.constantFrom(deepObject(3000), manyKeys(5000)));
  return out;
}

/** Whether a string schema (no union) accepts the string: its length, enum or const, pattern and uuid format. */
function stringAccepted(s: JsonSchema, v: string): boolean {
  const length = [...v].length;
  if (typeof s.maxLength === 'number' && length > s.maxLength) return false;
  if (typeof s.minLength === 'number' && length < s.minLength) return false;
  if (s.enum && !s.enum.includes(v)) return false;
  if (s.const !== undefined && s.const !== v) return false;
  if (s.pattern && !new RegExp(s.pattern, 'u').test(v)) return false;
  if (s.format === 'uuid' && !UUID_RE.test(v)) return false;
  return true;
}

/** Strings the schema refuses (too long, too short, outside the format, pattern or enum). */
function badStrings(s: JsonSchema): fc.Arbitrary<string>[] {
  const out: fc.Arbitrary<string>[] = [];
  const filler = fc.constantFrom('x', 'ع', '😀', '\u0000', 'a\u0000');
  // Longer than maxLength in code points (JSON Schema's measure), hence in UTF-16 units too.
  if (typeof s.maxLength === 'number') {
    const max = s.maxLength;
    out.push(
      fc
        .tuple(filler, fc.integer({ min: 1, max: 3 * max + 10 }))
        .map(([c, extra]) => c.repeat(Math.ceil((max + extra) / [...c].length) + 1)),
    );
  }
  if ((s.minLength ?? 0) > 0) out.push(fc.constant(''));
  const re = s.pattern ? new RegExp(s.pattern, 'u') : null;
  if (s.format === 'uuid' || re) {
    out.push(
      fc
        .oneof(
          fc.constantFrom(
            'not-a-uuid',
            '00000000-0000-0000-0000-00000000000g',
            '12345678-1234-1234-1234-1234567890ab\u0000',
            ' 12345678-1234-4234-8234-1234567890ab',
            '12345678-1234-4234-8234-1234567890ab; DROP TABLE staff',
            "' OR '1'='1",
            '../../etc/passwd',
            '\ud800',
          ),
          fc.string({ maxLength: 40 }),
          fc.uuid().map((u) => `${u}x`),
        )
        .filter((v) => !(re?.test(v) ?? UUID_RE.test(v))),
    );
  }
  if (s.format === 'email') out.push(fc.constantFrom('not-an-email', 'a@', '@b.c', 'a\u0000@b.co', 'a b@c.de'));
  if (s.format === 'date-time') out.push(fc.constantFrom('yesterday', '2026-13-45T99:99:99Z', '1e9', ''));
  if (s.format === 'uri')
    out.push(fc.constantFrom('not a url', 'javascript:alert(1)', 'file:///etc/passwd', 'ftp://x'));
  if (s.enum || s.const !== undefined) {
    const members = s.enum ?? [s.const];
    out.push(
      fc
        .oneof(fc.constantFrom('', 'ADMIN', 'true ', '\u0000', 'x'.repeat(300)), fc.string({ maxLength: 12 }))
        .filter((v) => !members.includes(v)),
    );
  }
  return out;
}

function badNumbers(s: JsonSchema, integer: boolean): fc.Arbitrary<unknown>[] {
  const out: fc.Arbitrary<unknown>[] = [];
  if (integer) out.push(fc.constantFrom(0.5, 1.5, -2.25, 3.000001));
  if (typeof s.minimum === 'number') {
    const min = s.minimum;
    out.push(
      fc.constantFrom(min - 1, -1e308, new RawJson('-1e400', '-1e400')).filter((v) => typeof v !== 'number' || v < min),
    );
  }
  if (typeof s.maximum === 'number') {
    const max = s.maximum;
    out.push(
      fc
        .constantFrom(max + 1, 2 ** 53 + 2, 1e308, new RawJson('1e400', '1e400'))
        .filter((v) => typeof v !== 'number' || v > max),
    );
  }
  return out;
}

export interface BadValue {
  value: unknown;
  /** What makes it bad, for the report. */
  why: string;
}

/** Values certainly refused by the schema, each with the reason. `depth` limits how far into objects it goes. */
export function badValue(s: JsonSchema, field: string, pool: IdPool, depth = 3): fc.Arbitrary<BadValue> {
  const options: fc.Arbitrary<BadValue>[] = [];
  const tag = (why: string) => (value: unknown) => ({ value, why });
  for (const a of wrongTypes(s)) options.push(a.map(tag(`wrong type for ${[...typesOf(s)].join('|')}`)));
  const u = branches(s);
  if (u && u.length > 0 && u.every((b) => typesOf(b).size === 1 && typesOf(b).has('string'))) {
    // A union of strings (a keyword or an id): strings each branch refuses, and none of the others accepts.
    const refusedByAll = (v: string) => !u.some((b) => stringAccepted(b, v));
    for (const b of u)
      options.push(...badStrings(b).map((a) => a.filter(refusedByAll).map(tag('string no branch accepts'))));
  } else if (u && u.length > 0) {
    // A union of objects: a sample of one branch plus a key no branch declares, or one branch's field made bad.
    for (const b of u) {
      if (!typesOf(b).has('object')) continue;
      options.push(
        fc.tuple(unknownKeyFor(s), fc.jsonValue({ maxDepth: 1 })).map(([k, v]) => ({
          value: { ...(validSample(b, field, pool) as object), [k]: v },
          why: `unknown key ${JSON.stringify(k)}`,
        })),
      );
      if (depth > 0) options.push(objectDefects(b, field, pool, depth - 1, false));
    }
  } else {
    const types = typesOf(s);
    if (types.has('string')) options.push(...badStrings(s).map((a) => a.map(tag('string outside its limits'))));
    if (types.has('number')) {
      const integer = s.type === 'integer' || (Array.isArray(s.type) && s.type.includes('integer'));
      options.push(...badNumbers(s, integer).map((a) => a.map(tag('number outside its limits'))));
    }
    if (types.has('array')) {
      if ((s.minItems ?? 0) > 0) options.push(fc.constant({ value: [], why: 'too few items' }));
      if (typeof s.maxItems === 'number' && s.maxItems < 5000) {
        const n = s.maxItems + 1;
        options.push(
          fc.constant({
            value: Array.from({ length: n }, () => validSample(s.items ?? {}, field, pool)),
            why: `${n} items`,
          }),
        );
      }
      if (s.items && depth > 0) {
        options.push(
          badValue(s.items, field, pool, depth - 1).map((b) => ({
            value: [validSample(s.items ?? {}, field, pool), b.value],
            why: `item: ${b.why}`,
          })),
        );
      }
    }
    if (types.has('object') && depth > 0) options.push(objectDefects(s, field, pool, depth - 1, true));
  }
  if (options.length === 0)
    return fc.constant({ value: new RawJson('[]', '[]'), why: 'array where nothing is declared' });
  return fc.oneof(...options);
}

/** An object sample with one defect: an unknown key, a required key missing, or one property made bad. */
function objectDefects(
  s: JsonSchema,
  field: string,
  pool: IdPool,
  depth: number,
  unknownKey: boolean,
): fc.Arbitrary<BadValue> {
  const base = () => validSample(s, field, pool) as Record<string, unknown>;
  const options: fc.Arbitrary<BadValue>[] = [];
  if (unknownKey) {
    options.push(
      fc.tuple(unknownKeyFor(s), fc.jsonValue({ maxDepth: 1 })).map(([k, v]) => ({
        value: { ...base(), [k]: v },
        why: `unknown key ${JSON.stringify(k)}`,
      })),
    );
  }
  for (const key of s.required ?? []) {
    options.push(
      fc.constant(null).map(() => {
        const v = base();
        delete v[key];
        return { value: v, why: `required ${key} missing` };
      }),
    );
  }
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    options.push(
      badValue(prop, key, pool, depth).map((b) => ({ value: { ...base(), [key]: b.value }, why: `${key}: ${b.why}` })),
    );
  }
  return options.length > 0
    ? fc.oneof(...options)
    : fc.constant({ value: { ...base(), zz: 1 }, why: 'unknown key "zz"' });
}

/** Text that may be valid in a free-text field but is hostile to what stores or shows it. */
export function hostileText(maxLength = 200): fc.Arbitrary<string> {
  const pieces = fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\ud83d',
    '\u202eevil',
    '\u200b',
    "'; DROP TABLE chat_sessions; --",
    '%_\\',
    '\\u0000',
    'ﷺ ع',
    '😀',
    '\u0001\u001f\u007f',
    '\r\n',
  );
  return fc
    .array(pieces, { minLength: 1, maxLength: 4 })
    .map((parts) => `${parts.join('')}zz`.slice(0, Math.max(2, maxLength)));
}
