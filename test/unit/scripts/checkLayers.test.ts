// The layer rule of `npm run lint` (scripts/check-layers.ts): a small tree that keeps to the layers passes, and each
// kind of violating file is caught with its reason; the repository itself passes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLayers } from '../../../scripts/check-layers.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A tree that keeps to the layers, plus `extra` files (path → text) on top. */
function tree(extra: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'chatdesk-layers-'));
  roots.push(root);
  const files: Record<string, string> = {
    'src/shared/api.ts': "import { z } from 'zod';\nexport const Id = z.string();\n",
    'src/shared/text.ts': "import { Id } from './api.ts';\nexport const id = Id;\n",
    'src/server/app.ts':
      "import { Id } from '../shared/api.ts';\nimport Fastify from 'fastify';\nexport { Id, Fastify };\n",
    'src/main/core/deskCore.ts': "import type { Id } from '../../shared/api.ts';\nexport type T = typeof Id;\n",
    'src/main/electron/main.ts': "import { app } from 'electron';\nimport '../core/deskCore.ts';\nexport { app };\n",
    'src/preload/index.ts': "import { contextBridge } from 'electron/renderer';\nexport { contextBridge };\n",
    'src/renderer/src/App.tsx':
      "import { id } from '@shared/text.ts';\nimport type { T } from '@shared/api';\nexport { id };\n",
    ...extra,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('check-layers', () => {
  it('passes a tree that keeps to the layers', () => {
    expect(checkLayers(tree())).toEqual([]);
  });

  it('fails when src/shared imports outside itself, or a Node builtin', () => {
    const violations = checkLayers(
      tree({
        'src/shared/bad.ts': "import { app } from '../server/app.ts';\nimport { readFileSync } from 'node:fs';\n",
      }),
    );
    expect(violations).toEqual([
      { file: 'src/shared/bad.ts', specifier: '../server/app.ts', reason: 'src/shared imports nothing outside itself' },
      {
        file: 'src/shared/bad.ts',
        specifier: 'node:fs',
        reason: 'src/shared runs in the window too: no Node builtins',
      },
    ]);
  });

  it('fails when anything but the Electron shell and the preload imports electron, dynamic imports included', () => {
    const violations = checkLayers(
      tree({
        'src/main/core/shell.ts': "import { app } from 'electron';\n",
        'src/server/late.ts': "export const load = () => import('electron/main');\n",
        'src/main/web/host.ts': "export { BrowserWindow } from 'electron';\n",
      }),
    );
    expect(violations.map((v) => [v.file, v.specifier])).toEqual([
      ['src/main/core/shell.ts', 'electron'],
      ['src/main/web/host.ts', 'electron'],
      ['src/server/late.ts', 'electron/main'],
    ]);
    expect(new Set(violations.map((v) => v.reason))).toEqual(
      new Set(['only src/main/electron and src/preload import electron']),
    );
  });

  it('fails when the renderer imports the backend or the desk core, type-only imports included', () => {
    const violations = checkLayers(
      tree({
        'src/renderer/src/bad.ts':
          "import type { T } from '../../main/core/deskCore.ts';\nimport { Id } from '../../server/app';\n",
      }),
    );
    expect(violations.map((v) => v.specifier)).toEqual(['../../main/core/deskCore.ts', '../../server/app']);
    expect(violations[0]?.reason).toMatch(/renderer talks to the core only through the bridge/);
  });

  it('fails when the desk core imports a shell, or the backend imports the desk', () => {
    const violations = checkLayers(
      tree({
        'src/main/core/bad.ts': "import { app } from '../electron/main.ts';\n",
        'src/server/bad.ts': "import type { T } from '../main/core/deskCore.ts';\n",
      }),
    );
    expect(violations.map((v) => [v.file, v.reason])).toEqual([
      [
        'src/main/core/bad.ts',
        'the desk core does not know which shell drives it: no src/main/electron or src/main/web',
      ],
      ['src/server/bad.ts', 'the backend imports only src/shared of the other parts'],
    ]);
  });

  it('fails when a shell imports the other, or the preload imports more than src/shared', () => {
    const violations = checkLayers(
      tree({
        'src/main/web/host.ts': "import { app } from '../electron/main.ts';\n",
        'src/preload/bad.ts': "import type { T } from '../main/core/deskCore.ts';\n",
      }),
    );
    expect(violations.map((v) => [v.file, v.reason])).toEqual([
      ['src/main/web/host.ts', 'the Electron shell and the web host adapt the same core and do not import each other'],
      ['src/preload/bad.ts', 'the preload imports only src/shared of the other parts'],
    ]);
  });

  it('fails on an import cycle, type-only edges included', () => {
    const violations = checkLayers(
      tree({
        'src/main/core/a.ts': "import type { B } from './b.ts';\nexport type A = B[];\n",
        'src/main/core/b.ts': "import type { A } from './a.ts';\nexport type B = { a: A };\n",
      }),
    );
    expect(violations).toEqual([
      { file: 'src/main/core/a.ts', specifier: '', reason: 'import cycle: src/main/core/a.ts ↔ src/main/core/b.ts' },
    ]);
  });

  it('passes the repository itself', () => {
    expect(checkLayers(resolve(import.meta.dirname, '../../..'))).toEqual([]);
  });
});
