// Finds a tool's executable the public way: the `bin` field of its package's package.json, looked up along Node's
// module search paths. A package's `exports` map may hide its files from `require.resolve` (electron-vite 6 does),
// so no launcher resolves a file inside a package by its private path.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export function toolBin(pkg: string, bin: string = pkg, from: string = resolve(import.meta.dirname, '..')): string {
  const searchPaths = createRequire(join(from, 'package.json')).resolve.paths(pkg) ?? [];
  for (const dir of searchPaths) {
    const manifest = join(dir, pkg, 'package.json');
    if (!existsSync(manifest)) continue;
    const field = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> }).bin;
    const relative = typeof field === 'string' ? field : field?.[bin];
    if (!relative) throw new Error(`${pkg} declares no executable named ${bin}`);
    return resolve(dirname(manifest), relative);
  }
  throw new Error(`${pkg} is not installed: run "npm install"`);
}
