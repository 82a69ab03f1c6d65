// Guards every input of the product before its schema sees it (the backend's JSON bodies and query strings, the
// desk core's bridge calls), and checks that the schemas themselves are strict:
// - `inspectInput` bounds nesting and key count (walked without recursion, so no input can overflow the stack) and
//   refuses text PostgreSQL cannot store (NUL) or that is not well-formed Unicode (a lone surrogate would be
//   replaced silently on the way to the database), names of Object.prototype as keys, and anything but plain data,
//   naming the field;
// - `strictnessGaps` lists the objects of a schema that would silently drop a key they do not know.
import type { z } from 'zod';

/** Deepest nesting of objects and arrays accepted in an input (our deepest contract is 5). */
export const MAX_INPUT_DEPTH = 32;
/** Most object keys accepted in one input, all levels together. */
export const MAX_INPUT_KEYS = 5000;

export interface InputProblem {
  /** Dot-separated path of the offending field ('' for the whole input). */
  path: string;
  reason: string;
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** Why a string cannot be accepted, or null. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (!text.isWellFormed()) return 'must be well-formed Unicode (it has a lone surrogate)';
  return null;
}

/** The first problem of a parsed input (JSON value, query string object), or null. */
export function inspectInput(
  value: unknown,
  limits: { maxDepth?: number; maxKeys?: number } = {},
): InputProblem | null {
  const maxDepth = limits.maxDepth ?? MAX_INPUT_DEPTH;
  const maxKeys = limits.maxKeys ?? MAX_INPUT_KEYS;
  let keys = 0;
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    const v = item.value;
    if (typeof v === 'string') {
      const reason = textProblem(v);
      if (reason) return { path: item.path, reason };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (item.depth >= maxDepth) return { path: item.path, reason: `is nested deeper than ${maxDepth} levels` };
    // Plain data only: a Date, Map or typed array (which IPC can carry) would pass an object schema as `{}`.
    const proto = Object.getPrototypeOf(v);
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) {
      return { path: item.path, reason: 'must be plain data (a JSON object, array or value)' };
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], path: join(item.path, i), depth: item.depth + 1 });
      continue;
    }
    const entries = Object.entries(v);
    keys += entries.length;
    if (keys > maxKeys) return { path: item.path, reason: `has more than ${maxKeys} keys in all` };
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      const path = join(item.path, key);
      // `toString`, `constructor`, `__proto__`…: names of Object.prototype, which zod's key check sees as known.
      const reason = key in Object.prototype ? 'is not an accepted field name' : textProblem(key);
      if (reason) return { path, reason };
      stack.push({ value: child, path, depth: item.depth + 1 });
    }
  }
  return null;
}

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/**
 * Paths of the object schemas inside `schema` that accept unknown keys (anything but a strict object, or a record
 * which names no fields). Empty when every object refuses keys it does not know.
 */
export function strictnessGaps(schema: z.ZodType, root = '$'): string[] {
  const gaps: string[] = [];
  const seen = new Set<unknown>();
  const walk = (s: unknown, path: string) => {
    if (!s || seen.has(s)) return;
    seen.add(s);
    const def = defOf(s);
    switch (def.type) {
      case 'object': {
        const catchall = def.catchall as unknown;
        if (!catchall || defOf(catchall).type !== 'never') gaps.push(path);
        for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) walk(child, `${path}.${key}`);
        break;
      }
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        walk(def.innerType, path);
        break;
      case 'pipe':
        walk(def.in, path);
        break;
      case 'array':
        walk(def.element, `${path}[]`);
        break;
      case 'record':
        walk(def.valueType, `${path}{}`);
        break;
      case 'union':
        for (const [i, option] of (def.options as unknown[]).entries()) walk(option, `${path}|${i}`);
        break;
      case 'intersection':
        walk(def.left, path);
        walk(def.right, path);
        break;
      case 'lazy':
        walk((def.getter as () => unknown)(), path);
        break;
      default:
        break;
    }
  };
  walk(schema, root);
  return gaps;
}
