// The documents stay true to the tree: every repository path that README.md, docs/*.md and src/server/README.md name
// in backticks exists (a glob or brace pattern is checked up to its first wildcard). A file moved or split without
// its documents fails here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const documents = [
  'README.md',
  'src/server/README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
// Paths inside the packed app, not the repository.
const notInTree = new Set(['resources/app-update.yml']);

function namedPaths(text: string): string[] {
  const paths = new Set<string>();
  for (const match of text.matchAll(/`([^`\s]+)`/g)) {
    const path = (match[1] as string).replace(/[:#].*$/, '');
    if (/^(src|test|scripts|docs|resources|\.ci)\//.test(path) && !notInTree.has(path)) paths.add(path);
  }
  return [...paths];
}

/** `a.{b,c}.ts` → `a.b.ts`, `a.c.ts` (one brace group, as the documents write them). */
function expandBraces(path: string): string[] {
  const group = /\{([^}]*)\}/.exec(path);
  if (!group) return [path];
  return (group[1] as string).split(',').map((part) => path.replace(group[0], part));
}

describe('paths named in the documents', () => {
  it.each(documents)('%s names only paths that exist', (document) => {
    const named = namedPaths(readFileSync(join(root, document), 'utf8'));
    const missing = named.flatMap(expandBraces).filter((path) => !existsSync(join(root, path.replace(/[*<].*$/, ''))));
    expect(missing).toEqual([]);
  });

  it('finds the paths it checks', () => {
    expect(namedPaths(readFileSync(join(root, 'docs/FEATURES.md'), 'utf8')).length).toBeGreaterThan(50);
  });
});
