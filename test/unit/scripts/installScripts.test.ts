// `npm install` on a fresh clone must install the project's Node 24: npm 11.19 and later skip a dependency's install
// script unless package.json's `allowScripts` approves it, and without node@24's preinstall every `npm run …` falls
// back to the system's Node (too old: scripts/check-node.mjs stops them). Each dependency with an install script in
// the lockfile is approved or denied by name, so none is skipped without a decision.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { hasInstallScript?: boolean }>;
};

describe('install scripts (package.json allowScripts)', () => {
  it("approves node@24's preinstall, which installs the Node every npm script runs on", () => {
    expect(pkg.devDependencies.node).toMatch(/^\^?24/);
    expect(pkg.allowScripts?.node).toBe(true);
  });

  it('decides on every dependency in the lockfile that has an install script', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts).toContain('node');
    const undecided = withScripts.filter((name) => typeof pkg.allowScripts?.[name] !== 'boolean');
    expect(undecided).toEqual([]);
  });
});
