// `npm run security:electron`: Doyensec's Electronegativity over the project (`-i . -x preloadjscheck`), failing on
// any finding of medium or high severity. It runs in-process so its two online look-ups (fresh translations, the
// list of Electron releases) fail at once when offline instead of crashing on a retry timer inside `got`; every check
// still runs, the release list check simply has no list to compare with.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// The package's public entry (its `main`, the runner the CLI calls); `got` is resolved from there, as it loads it.
const entry = createRequire(join(root, 'package.json')).resolve('@doyensec/electronegativity');
const require = createRequire(entry);

const offline = () => Promise.reject(new Error('offline: no network on this machine'));
const gotStub = Object.assign(offline, { head: offline, get: offline, extend: () => gotStub });
const gotPath = require.resolve('got');
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: gotStub,
} as unknown as NodeJS.Module;

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { value: number; name: string };
  confidence: { name: string };
  description: string;
  manualReview: boolean;
}

const run = require(entry) as (
  options: Record<string, unknown>,
  forCli: boolean,
) => Promise<{
  issues: Issue[];
  errors: unknown[];
  atomicChecks: number;
  globalChecks: number;
}>;

const input = process.argv[2] ? resolve(process.argv[2]) : root;
const result = await run(
  {
    input,
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: ['preloadjscheck'],
    severitySet: undefined,
    confidenceSet: undefined,
    isRelative: true,
    isVerbose: false,
    electronUpgrade: undefined,
    electronVersionOverride: undefined,
    parserPlugins: [],
  },
  false,
);

const blocking = result.issues.filter((i) => i.severity.value >= 2);
console.log(
  `electronegativity: ${result.atomicChecks} checks and ${result.globalChecks} global checks over ${input}` +
    ` (${dirname(gotPath).includes('node_modules') ? 'offline' : ''})`,
);
for (const i of result.issues) {
  console.log(
    `${i.severity.name.padEnd(13)} ${i.confidence.name.padEnd(9)} ${i.id.padEnd(40)} ${i.file}:${i.location.line}:${i.location.column}`,
  );
}
console.log(
  `findings: ${result.issues.length} (${blocking.length} medium or high, ${result.issues.length - blocking.length} low or informational)`,
);
if (blocking.length > 0) process.exit(1);
