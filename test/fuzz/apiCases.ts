// The backend's routes as the OpenAPI document describes them, and fast-check arbitraries of bad requests for each:
// every case carries one defect (an unknown or repeated query key, a query value outside its schema, a malformed
// percent encoding, a malformed path parameter, a body value outside its schema, malformed or hostile JSON, a wrong
// content type, a bad Idempotency-Key) in an otherwise well-formed request, so the backend must refuse it (category
// `refuse`); or hostile text (NUL, lone surrogates, bidi controls, SQL) in a free-text field, which the backend may
// accept or refuse but must never answer with a 5xx (category `hostile`).
import fc from 'fast-check';
import {
  badValue,
  describeValue,
  hostileText,
  type IdPool,
  isFreeText,
  type JsonSchema,
  RawJson,
  toJsonText,
  typesOf,
  UUID_RE,
  unknownKeyFor,
  validSample,
} from './schema.ts';

export interface Param {
  name: string;
  schema: JsonSchema;
  required: boolean;
}

export interface RouteModel {
  method: string;
  /** OpenAPI path under /api/v1 (`/admin/sessions/{id}`). */
  path: string;
  /** `POST /admin/sessions/{id}/messages` */
  id: string;
  pathParams: Param[];
  query: Param[];
  body: JsonSchema | null;
  idempotent: boolean;
  auth: boolean;
  permission: string | null;
}

type Operation = {
  security?: unknown[];
  'x-permission'?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
};

/** Every route of the backend's OpenAPI document (GET /api/v1/openapi.json). */
export function routesFromOpenApi(doc: { paths: Record<string, Record<string, Operation>> }): RouteModel[] {
  const routes: RouteModel[] = [];
  for (const [fullPath, operations] of Object.entries(doc.paths)) {
    const path = fullPath.replace(/^\/api\/v1/, '');
    for (const [method, op] of Object.entries(operations)) {
      const params = op.parameters ?? [];
      const of = (where: string) =>
        params.filter((p) => p.in === where).map((p) => ({ name: p.name, schema: p.schema, required: !!p.required }));
      routes.push({
        method: method.toUpperCase(),
        path,
        id: `${method.toUpperCase()} ${path}`,
        pathParams: of('path'),
        query: of('query'),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        idempotent: params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
        auth: !!op.security?.length,
        permission: op['x-permission'] ?? null,
      });
    }
  }
  return routes;
}

export interface ApiCase {
  category: 'refuse' | 'hostile';
  /** What is wrong with it, for the report. */
  defect: string;
  /** Path parameter → its segment, already percent-encoded. */
  path: Record<string, string>;
  /** The query string without `?`, already encoded. */
  query: string;
  body: { text?: string; bytes?: Uint8Array; contentType?: string } | null;
  headers: Record<string, string>;
  /** Which kind of missing or broken credential the anonymous role sends (0 = none). */
  anonymous: number;
}

/** Percent-encoding that also writes lone surrogates (as their WTF-8 bytes, which are not valid UTF-8). */
export function encodeComponent(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += encodeURIComponent(text.slice(i, i + 2));
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(text[i] as string);
  }
  return out;
}

/** What `z.coerce.number()` with the schema's limits makes of a query value: would it pass? */
function queryNumberValid(text: string, s: JsonSchema): boolean {
  const n = Number(text);
  if (!Number.isFinite(n)) return false;
  if (s.type === 'integer' && !Number.isInteger(n)) return false;
  if (typeof s.minimum === 'number' && n < s.minimum) return false;
  if (typeof s.maximum === 'number' && n > s.maximum) return false;
  return true;
}

/** A query value the parameter accepts. */
function validQueryValue(p: Param, pool: IdPool): string {
  const v = validSample(p.schema, p.name, pool);
  return typeof v === 'string' ? v : String(v);
}

/** Query values (decoded) the parameter certainly refuses. */
function badQueryValue(p: Param, pool: IdPool): fc.Arbitrary<{ value: string; why: string }> {
  const types = typesOf(p.schema);
  if (types.has('number')) {
    const s = p.schema;
    return fc
      .oneof(
        fc.constantFrom(
          'abc',
          '1a',
          'NaN',
          'Infinity',
          '-Infinity',
          '1.5',
          '-1',
          '1e400',
          '-1e400',
          'null',
          'true',
          '[1]',
        ),
        fc.constantFrom('99999999999999999999999', '-99999999999999999999', '9007199254740993', '0', '', ' '),
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map(String),
        fc.string({ maxLength: 6 }),
      )
      .filter((v) => !queryNumberValid(v, s))
      .map((value) => ({ value, why: `${p.name}=${describeValue(value, 40)} (not a number it accepts)` }));
  }
  return badValue({ ...p.schema, type: 'string' }, p.name, pool, 0)
    .filter((b) => typeof b.value === 'string')
    .map((b) => ({ value: b.value as string, why: `${p.name}: ${b.why}` }));
}

const BAD_SEGMENTS = [
  'not-a-uuid',
  '%ZZ',
  '%',
  '%00',
  '%ED%A0%80',
  '%C0%AF',
  '..%2F..%2Fauth%2Fme',
  '%2e%2e',
  '-1',
  '1e400',
  'null',
  '%20',
  `${'a'.repeat(300)}`,
  "'%20OR%20'1'%3D'1",
  '12345678-1234-4234-8234-1234567890ab%00',
  '12345678-1234-4234-8234-1234567890ab;x',
];

const MALFORMED_JSON = [
  '{',
  '{"a":}',
  '[1,]',
  "{'a':1}",
  'undefined',
  '{"a":1}{"b":2}',
  'NaN',
  '\u0000',
  '{"a":"\\ud800"',
  '{"a":"\\x41"}',
  '{"a":01}',
  '"unterminated',
];

/** Raw bodies no route accepts (malformed, hostile or of the wrong kind), each with its description. */
function malformedBodies(route: RouteModel): fc.Arbitrary<{ body: NonNullable<ApiCase['body']>; why: string }> {
  const json = (text: string, why: string) => ({ body: { text, contentType: 'application/json' }, why });
  const sample = route.body
    ? toJsonText(validSample(route.body, 'body', () => '12345678-1234-4234-8234-1234567890ab'))
    : '{"x":1}';
  const options: fc.Arbitrary<{ body: NonNullable<ApiCase['body']>; why: string }>[] = [
    fc.constantFrom(...MALFORMED_JSON).map((t) => json(t, `malformed JSON ${describeValue(t, 30)}`)),
    fc.constant(json('', 'empty JSON body')),
    fc
      .integer({ min: 1000, max: 20_000 })
      .map((d) => json(`${'['.repeat(d)}${']'.repeat(d)}`, `arrays nested ${d} deep`)),
    fc
      .integer({ min: 1000, max: 10_000 })
      .map((d) => json(`${'{"a":'.repeat(d)}1${'}'.repeat(d)}`, `objects nested ${d} deep`)),
    fc.constant({
      body: {
        bytes: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
        contentType: 'application/json',
      },
      why: 'invalid UTF-8',
    }),
    fc.constant(json(`{"a":"${'x'.repeat(200 * 1024)}"}`, 'body of 200 KB')),
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
      )
      .map((ct) => ({
        body: { text: sample, contentType: ct },
        why: `content type ${ct}`,
      })),
  ];
  if (route.body) {
    options.push(
      fc
        .constantFrom('null', '1', '"s"', '[]', 'true', '[{}]')
        .map((t) => json(t, `JSON ${t} where an object is expected`)),
    );
    options.push(
      fc
        .integer({ min: 2000, max: 20_000 })
        .map((n) => json(`{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`, `${n} keys`)),
    );
  } else {
    options.push(
      fc
        .constantFrom('{"x":1}', '{"ids":[]}', '[1]', '"s"')
        .map((t) => json(t, `body ${t} on a route that takes none`)),
    );
  }
  return fc.oneof(...options);
}

/** Bad requests for one route (category `refuse` and, where it has free-text fields, `hostile`). */
export function caseArbitrary(
  route: RouteModel,
  pool: (route: RouteModel, field: string) => string,
): fc.Arbitrary<ApiCase> {
  const ids: IdPool = (field) => pool(route, field);
  const validPath = () =>
    Object.fromEntries(route.pathParams.map((p) => [p.name, encodeComponent(validQueryValue(p, ids))]));
  const validQuery = () =>
    route.query
      .filter((p) => p.required)
      .map((p) => `${encodeComponent(p.name)}=${encodeComponent(validQueryValue(p, ids))}`)
      .join('&');
  const validBody = (): ApiCase['body'] =>
    route.body && route.method !== 'GET'
      ? { text: toJsonText(validSample(route.body, 'body', ids)), contentType: 'application/json' }
      : null;
  const join = (...parts: string[]) => parts.filter(Boolean).join('&');
  const make = (defect: string, patch: Partial<ApiCase>, category: ApiCase['category'] = 'refuse') =>
    fc.nat(5).map(
      (anonymous): ApiCase => ({
        category,
        defect,
        path: validPath(),
        query: validQuery(),
        body: validBody(),
        headers: {},
        anonymous,
        ...patch,
      }),
    );
  const queryObject: JsonSchema = { properties: Object.fromEntries(route.query.map((p) => [p.name, p.schema])) };
  const options: fc.Arbitrary<ApiCase>[] = [];

  // Query strings: unknown keys, values outside the schema, repeated keys, malformed encodings.
  options.push(
    fc
      .tuple(
        unknownKeyFor(queryObject).filter((k) => k !== ''),
        fc.constantFrom('1', 'true', '', '%00', 'x'.repeat(500)),
      )
      .chain(([key, value]) =>
        make(`unknown query key ${JSON.stringify(key)}`, {
          query: join(validQuery(), `${encodeComponent(key)}=${value}`),
        }),
      ),
  );
  if (route.query.length > 0) {
    const params = route.query.filter(
      (p) => !isFreeText(p.schema) || p.schema.maxLength !== undefined || p.schema.minLength !== undefined,
    );
    if (params.length > 0) {
      options.push(
        fc.constantFrom(...params).chain((p) =>
          badQueryValue(p, ids).chain((bad) =>
            make(`query ${bad.why}`, {
              query: join(
                route.query
                  .filter((q) => q.required && q.name !== p.name)
                  .map((q) => `${q.name}=${encodeComponent(validQueryValue(q, ids))}`)
                  .join('&'),
                `${encodeComponent(p.name)}=${encodeComponent(bad.value)}`,
              ),
            }),
          ),
        ),
      );
    }
    options.push(
      fc.constantFrom(...route.query).chain((p) => {
        const v = encodeComponent(validQueryValue(p, ids));
        return make(`query ${p.name} given twice`, {
          query: join(
            route.query
              .filter((q) => q.required && q.name !== p.name)
              .map((q) => `${q.name}=${encodeComponent(validQueryValue(q, ids))}`)
              .join('&'),
            `${p.name}=${v}&${p.name}=${v}`,
          ),
        });
      }),
    );
    const coded = route.query.filter((p) => !isFreeText(p.schema));
    if (coded.length > 0) {
      options.push(
        fc
          .tuple(
            fc.constantFrom(...coded),
            fc.constantFrom('%ZZ', '%', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%00', '%FF%FE'),
          )
          .chain(([p, v]) =>
            make(`query ${p.name}=${v} (malformed encoding)`, { query: join(validQuery(), `${p.name}=${v}`) }),
          ),
      );
    }
    // Free-text query values: hostile text and malformed encodings may be read as plain text, never a 5xx.
    const free = route.query.filter((p) => isFreeText(p.schema));
    if (free.length > 0) {
      options.push(
        fc
          .tuple(
            fc.constantFrom(...free),
            fc.oneof(
              hostileText(200).map(encodeComponent),
              fc.constantFrom('%ZZ', '%', '%ED%A0%80', '%C0%AF', '%00', '%FF', '%25%00'),
            ),
          )
          .chain(([p, v]) =>
            make(
              `query ${p.name}=${describeValue(v, 60)} (hostile text)`,
              {
                query: join(
                  route.query
                    .filter((q) => q.required && q.name !== p.name)
                    .map((q) => `${q.name}=${encodeComponent(validQueryValue(q, ids))}`)
                    .join('&'),
                  `${p.name}=${v}`,
                ),
              },
              'hostile',
            ),
          ),
      );
    }
  }
  options.push(
    fc
      .constantFrom('%ZZ=1', 'a%=1', '%00=1', '%ED%A0%80=1', 'x[y]=1', 'x.y=1', `${'k'.repeat(2000)}=1`)
      .chain((q) => make(`malformed query key ${describeValue(q, 30)}`, { query: join(validQuery(), q) })),
  );

  // Path parameters: malformed ids and kinds.
  if (route.pathParams.length > 0) {
    options.push(
      fc
        .tuple(
          fc.constantFrom(...route.pathParams),
          fc.oneof(fc.constantFrom(...BAD_SEGMENTS), fc.string({ minLength: 1, maxLength: 30 }).map(encodeComponent)),
        )
        .filter(([p, seg]) => {
          let decoded: string | null = null;
          try {
            decoded = decodeURIComponent(seg);
          } catch {
            return true;
          }
          return p.schema.enum ? !p.schema.enum.includes(decoded) : !UUID_RE.test(decoded);
        })
        .chain(([p, seg]) =>
          make(`path ${p.name}=${describeValue(seg, 40)}`, { path: { ...validPath(), [p.name]: seg } }),
        ),
    );
  }

  // Bodies: a value outside the schema, malformed or hostile JSON, a wrong content type, a body where none is taken.
  if (route.method !== 'GET') {
    if (route.body) {
      const body = route.body;
      options.push(
        badValue(body, 'body', ids).chain((bad) =>
          make(`body ${bad.why}: ${describeValue(bad.value, 120)}`, {
            body: { text: toJsonText(bad.value), contentType: 'application/json' },
          }),
        ),
      );
      const free = Object.entries(body.properties ?? {}).filter(([, s]) => isFreeText(s));
      if (free.length > 0) {
        options.push(
          fc.tuple(fc.constantFrom(...free), fc.nat()).chain(([[key, s]]) =>
            hostileText(s.maxLength ?? 200).chain((text) =>
              make(
                `body ${key}=${describeValue(text, 60)} (hostile text)`,
                {
                  body: {
                    text: toJsonText({ ...(validSample(body, 'body', ids) as object), [key]: text }),
                    contentType: 'application/json',
                  },
                },
                'hostile',
              ),
            ),
          ),
        );
      }
    }
    options.push(malformedBodies(route).chain(({ body, why }) => make(`body: ${why}`, { body })));
  }

  // Idempotency-Key outside 1–200 characters.
  if (route.idempotent) {
    options.push(
      fc
        .oneof(
          fc.constant(''),
          fc.integer({ min: 201, max: 4000 }).map((n) => 'k'.repeat(n)),
        )
        .chain((key) => make(`Idempotency-Key of ${key.length} characters`, { headers: { 'idempotency-key': key } })),
    );
  }
  return fc.oneof(...options);
}

/** The Authorization header of each anonymous variant (0: none). */
export const ANONYMOUS_AUTH = [
  null,
  'Bearer not-a-token',
  `Bearer ${'a'.repeat(5000)}`,
  'Basic YWRtaW5AZGVtby5jaGF0ZGVzazpkZW1vLXBhc3N3b3Jk',
  `Bearer ${'0'.repeat(64)}`,
  'Bearer',
] as const;

export { RawJson };
