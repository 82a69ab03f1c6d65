// The OpenAPI 3 document served at /api/v1/openapi.json, made from the routes' own zod schemas.
import { z } from 'zod';
import { API_PREFIX } from '../../shared/api.ts';
import { ErrorBody } from '../../shared/errors.ts';
import type { AnyRoute } from './route.ts';

/** PostgreSQL's `{id}` form of a Fastify path. */
const openapiPath = (path: string) => `${API_PREFIX}${path.replace(/:(\w+)/g, '{$1}')}`;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

/** The OpenAPI 3 document of every route declared so far, from the same zod schemas that validate them. */
export function openapiDocument(routes: readonly AnyRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const seen = new Set<string>();
  for (const spec of routes) {
    const id = `${spec.method} ${spec.path}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const path = openapiPath(spec.path);
    paths[path] ??= {};
    const write = spec.write ?? spec.method !== 'GET';
    const errorContent = { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } };
    (paths[path] as Record<string, unknown>)[spec.method.toLowerCase()] = {
      summary: spec.summary,
      tags: spec.tags ?? [spec.path.split('/')[1] ?? 'api'],
      ...(spec.auth !== 'none' ? { security: [{ bearer: [] }] } : {}),
      ...(spec.permission ? { 'x-permission': spec.permission } : {}),
      parameters: [
        ...parametersOf(spec.params, 'path'),
        ...parametersOf(spec.query, 'query'),
        ...((spec.idempotent ?? write)
          ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }]
          : []),
      ],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(spec.status ?? 200)]: {
          description: 'OK',
          content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } },
        },
        ...Object.fromEntries(
          Object.entries(spec.otherStatuses ?? {}).map(([status, description]) => [
            status,
            { description, content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } } },
          ]),
        ),
        ...Object.fromEntries(
          Object.entries(spec.refusals ?? {}).map(([status, description]) => [
            status,
            { description, content: errorContent },
          ]),
        ),
        '4XX': {
          description: 'Refused: `error.code` says why, `error.fields` names each field',
          content: errorContent,
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Chat Desk marketplace backend', version: '1.0.0' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
