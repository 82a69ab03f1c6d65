// The layers of docs/ARCHITECTURE.md as a rule (`npm run lint` runs this after Biome): every import in `src` is
// resolved to a file and checked against what its layer may use, and the import graph must have no cycles.
//   - src/shared (the contract, also bundled into the window) imports nothing outside itself, not even node:*;
//   - only the Electron shell (src/main/electron) and the preload import `electron`;
//   - the renderer imports none of the backend (src/server) nor the desk core and shells (src/main);
//   - the desk core (src/main/core) imports neither shell (src/main/electron, src/main/web), and neither shell the other;
//   - the preload imports only src/shared of the other parts;
//   - the backend, the core and the shells import nothing of the renderer, and the backend nothing of src/main.
// Imports are read with TypeScript's own pre-processor (static, `export … from`, `import type`, dynamic import()).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface LayerViolation {
  /** The importing file, relative to the root, with forward slashes. */
  file: string;
  /** The import as written ('' for a cycle). */
  specifier: string;
  reason: string;
}

/** `@shared/…` is src/shared (tsconfig.web.json, electron.vite.config.ts, vitest.config.ts). */
const ALIASES: Record<string, string> = { '@shared': 'src/shared' };
const SOURCE = /\.(ts|tsx|mts|cts)$/;
const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

const posix = (path: string) => path.split(sep).join('/');
const under = (file: string, folder: string) => file === folder || file.startsWith(`${folder}/`);

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** The file an import names (root-relative), or null for a package or builtin. */
function resolveImport(root: string, from: string, specifier: string): string | null {
  const bare = specifier.split('?')[0] ?? specifier;
  let base: string | null = null;
  if (bare.startsWith('.')) base = resolve(root, dirname(from), bare);
  for (const [alias, target] of Object.entries(ALIASES)) {
    if (bare === alias || bare.startsWith(`${alias}/`)) base = resolve(root, target + bare.slice(alias.length));
  }
  if (base === null) return null;
  for (const suffix of RESOLVE_SUFFIXES) {
    const candidate = base + suffix;
    if (existsSync(candidate) && statSync(candidate).isFile()) return posix(relative(root, candidate));
  }
  // Written with .js for a .ts file, or not there at all: still judged by where it points.
  const ts = base.replace(/\.js$/, '.ts');
  return posix(relative(root, existsSync(ts) ? ts : base));
}

const isElectron = (specifier: string) => specifier === 'electron' || specifier.startsWith('electron/');

/** Why `file` may not import `specifier` (resolved to `target`, null for a package), or null when it may. */
function ruleBroken(file: string, specifier: string, target: string | null): string | null {
  if (isElectron(specifier) && !under(file, 'src/main/electron') && !under(file, 'src/preload')) {
    return 'only src/main/electron and src/preload import electron';
  }
  if (under(file, 'src/shared')) {
    if (specifier.startsWith('node:')) return 'src/shared runs in the window too: no Node builtins';
    if (target !== null && !under(target, 'src/shared')) return 'src/shared imports nothing outside itself';
  }
  if (target === null) return null;
  if (under(file, 'src/renderer') && (under(target, 'src/server') || under(target, 'src/main'))) {
    return 'the renderer talks to the core only through the bridge: no src/server or src/main';
  }
  if (under(file, 'src/main/core') && (under(target, 'src/main/electron') || under(target, 'src/main/web'))) {
    return 'the desk core does not know which shell drives it: no src/main/electron or src/main/web';
  }
  if (
    (under(file, 'src/main/electron') && under(target, 'src/main/web')) ||
    (under(file, 'src/main/web') && under(target, 'src/main/electron'))
  ) {
    return 'the Electron shell and the web host adapt the same core and do not import each other';
  }
  if (under(file, 'src/preload') && !under(target, 'src/preload') && !under(target, 'src/shared')) {
    return 'the preload imports only src/shared of the other parts';
  }
  if (!under(file, 'src/renderer') && under(target, 'src/renderer')) {
    return 'nothing outside the renderer imports src/renderer';
  }
  if (under(file, 'src/server') && (under(target, 'src/main') || under(target, 'src/preload'))) {
    return 'the backend imports only src/shared of the other parts';
  }
  return null;
}

/** Strongly connected components of more than one file (or a file importing itself): Tarjan's algorithm. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indexOf.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, indexOf.get(next) ?? 0));
      }
    }
    if (low.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) found.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indexOf.has(node)) visit(node);
  return found;
}

/** Every broken layer rule and every import cycle under `<root>/src`. */
export function checkLayers(root: string): LayerViolation[] {
  const violations: LayerViolation[] = [];
  const graph = new Map<string, Set<string>>();
  for (const path of sourceFiles(join(root, 'src')).sort()) {
    const file = posix(relative(root, path));
    const edges = new Set<string>();
    graph.set(file, edges);
    const { importedFiles } = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      const target = resolveImport(root, file, specifier);
      const reason = ruleBroken(file, specifier, target);
      if (reason) violations.push({ file, specifier, reason });
      if (target !== null && SOURCE.test(target)) edges.add(target);
    }
  }
  for (const component of cycles(graph)) {
    violations.push({ file: component[0] ?? '', specifier: '', reason: `import cycle: ${component.join(' ↔ ')}` });
  }
  return violations;
}

if (import.meta.main) {
  const root = resolve(import.meta.dirname, '..');
  const violations = checkLayers(root);
  for (const v of violations) {
    console.error(v.specifier ? `${v.file}: imports '${v.specifier}': ${v.reason}` : `${v.file}: ${v.reason}`);
  }
  if (violations.length > 0) {
    console.error(`check-layers: ${violations.length} problem(s); the layers are in docs/ARCHITECTURE.md`);
    process.exitCode = 1;
  } else {
    console.log('check-layers: every import keeps to its layer, no import cycles');
  }
}
