// Fuzz benchmark (`npm run bench -- --only fuzz`): the fuzz suite of test/fuzz at a larger size. Every route of the
// backend's OpenAPI document × every role gets `runs` bad requests, every bridge call `bridgeRuns` bad inputs through a
// real desk core, all against one backend on PGlite; every case runs (no stop at the first failure). Prints the
// route × role table (requests, 2xx of hostile text accepted, 4xx, 5xx, cases that changed data where they must not:
// every case but a write that accepted hostile text, failures), the bridge table and each distinct failure; the
// figures are the totals.

import { distinctFailures, type PairStats, prepareApiFuzz, ROLES, runApiFuzz } from '../fuzz/apiFuzz.ts';
import { prepareBridgeFuzz, runBridgeFuzz } from '../fuzz/bridgeFuzz.ts';
import { startTestBackend } from '../support/backend.ts';
import { startDeskCore } from '../support/desk.ts';
import type { Figure } from './run.ts';

export interface FuzzBenchOptions {
  /** Cases per route × role. */
  runs: number;
  /** Cases per bridge call. */
  bridgeRuns: number;
  /** Fixed seed (FUZZ_SEED); a new one each run by default. */
  seed?: number;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const sum = (stats: Iterable<PairStats>) => {
  const t: PairStats = { requests: 0, s2xx: 0, s4xx: 0, s5xx: 0, other: 0, changed: 0, failures: 0, ms: 0 };
  for (const s of stats) {
    for (const k of Object.keys(t) as Array<keyof PairStats>) t[k] += s[k];
  }
  return t;
};
const cells = (s: PairStats) =>
  [s.requests, s.s2xx, s.s4xx, s.s5xx, s.changed, s.failures].map((n) => n.toLocaleString('en-US'));

export async function runFuzzBench(options: FuzzBenchOptions): Promise<Figure[]> {
  const seed = options.seed ?? Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`   seed ${seed} (FUZZ_SEED=${seed} replays it)`);
  const backend = await startTestBackend();
  // The desk signs in before the fuzz sends its failed sign-ins, which the sign-in throttle counts per address.
  const desk = await startDeskCore({ backendUrl: backend.url });
  try {
    const api = await prepareApiFuzz(backend);
    const started = performance.now();
    const apiResult = await runApiFuzz(api, { runs: options.runs, seed, untilFirstFailure: false });
    const apiSeconds = (performance.now() - started) / 1000;
    const rows = [...apiResult.stats.entries()].map(([key, s]) => [...key.split('|'), ...cells(s)]);
    console.log(
      table(['route', 'role', 'requests', '2xx', '4xx', '5xx', 'data changed', 'failures'], rows as string[][]),
    );

    const bridge = await prepareBridgeFuzz(backend, desk);
    const bridgeStarted = performance.now();
    const bridgeResult = await runBridgeFuzz(bridge, { runs: options.bridgeRuns, seed, untilFirstFailure: false });
    const bridgeSeconds = (performance.now() - bridgeStarted) / 1000;
    bridge.cache.close();
    console.log(
      `\n${table(
        ['bridge call', 'core', 'calls', 'ok', 'refused', 'internal', 'data changed', 'failures'],
        [...bridgeResult.stats.entries()].map(([name, s]) => [name, 'admin', ...cells(s)]),
      )}`,
    );
    const failures = [...distinctFailures(apiResult.failures), ...distinctFailures(bridgeResult.failures)];
    console.log(
      failures.length ? `\n   ${failures.length} distinct failures:\n${failures.join('\n')}\n` : '\n   no failures\n',
    );

    const a = sum(apiResult.stats.values());
    const b = sum(bridgeResult.stats.values());
    return [
      {
        name: 'routes × roles',
        value: apiResult.stats.size,
        unit: 'pairs',
        note: `${api.routes.length} routes × ${ROLES.length} roles`,
      },
      { name: 'API requests', value: a.requests, unit: 'requests', note: `${options.runs} per pair` },
      { name: 'API requests per second', value: a.requests / apiSeconds, unit: '/s' },
      { name: 'API 4xx', value: a.s4xx, unit: 'answers' },
      { name: 'API 2xx (hostile text accepted)', value: a.s2xx, unit: 'answers' },
      { name: 'API 5xx', value: a.s5xx, unit: 'answers', note: 'must be 0' },
      { name: 'API cases that changed data', value: a.changed, unit: 'cases', note: 'must be 0' },
      { name: 'API failures', value: a.failures, unit: 'cases', note: 'must be 0' },
      {
        name: 'bridge calls',
        value: b.requests,
        unit: 'calls',
        note: `${bridgeResult.stats.size} calls × ${options.bridgeRuns}`,
      },
      { name: 'bridge calls per second', value: b.requests / bridgeSeconds, unit: '/s' },
      { name: 'bridge internal errors', value: b.s5xx, unit: 'calls', note: 'must be 0' },
      { name: 'bridge cases that changed data', value: b.changed, unit: 'cases', note: 'must be 0' },
      { name: 'bridge failures', value: b.failures, unit: 'cases', note: 'must be 0' },
      { name: 'distinct failures', value: failures.length, unit: 'kinds' },
    ];
  } finally {
    await desk.close();
    await backend.close();
  }
}
