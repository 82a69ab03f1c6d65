// `npm run bench`: speed and memory figures of every part at full size, printed as tables.
//   npm run bench                       full size (1M sessions; the backend part on PostgreSQL)
//   npm run bench -- --small            a small run (what the test suite does so the benchmarks cannot rot)
//   npm run bench -- --only desk,export one or more parts
//   npm run bench -- --only fuzz        the fuzz suite at a larger size (FUZZ_SEED=<n> replays a seed)
//   npm run bench -- --only load        live fan-out: two backend instances, 200 desk sockets, 1,000 msg/s, then the
//                                       feed alone at 1,000–10,000 events/s (PostgreSQL)
export type Figure = { name: string; value: number; unit: string; note?: string };

type Part = {
  id: string;
  title: string;
  load: () => Promise<(opts: never) => Promise<Figure[]>>;
  full: Record<string, unknown>;
  small: Record<string, unknown>;
};

const fullDatabaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const parts: Part[] = [
  {
    id: 'backend',
    title: 'Backend (sessions list, changes, message POST; baseline = the web admin panel’s way)',
    load: async () => (await import('./backend.ts')).runBackendBench as never,
    full: { sessions: 1_000_000, messages: 10_000_000, databaseUrl: fullDatabaseUrl },
    // On PostgreSQL at the small size too, so the raw-write baseline (PostgreSQL only) runs in the test suite.
    small: { sessions: 2_000, messages: 20_000, databaseUrl: fullDatabaseUrl },
  },
  {
    id: 'desk',
    title: 'Desk core (cache page queries, cold sync, main-thread stall, POST → unread total)',
    load: async () => (await import('./desk.ts')).runDeskBench as never,
    full: { sessions: 1_000_000, databaseUrl: fullDatabaseUrl },
    small: { sessions: 5_000 },
  },
  {
    id: 'export',
    title: 'Export (XLSX and CSV to local disk)',
    load: async () => (await import('./export.ts')).runExportBench as never,
    full: { sessions: 1_000_000 },
    small: { sessions: 2_000 },
  },
  {
    id: 'renderer',
    title: 'Interface in Chromium (first rows, search/filter updates)',
    load: async () => (await import('./renderer.ts')).runRendererBench as never,
    full: { sessions: 1_000_000 },
    small: { sessions: 2_000 },
  },
  {
    id: 'load',
    title: 'Live fan-out under load (two backend instances on PostgreSQL, desk sockets, participants sending)',
    load: async () => (await import('./load.ts')).runLoadBench as never,
    full: {
      sockets: 200,
      rate: 1000,
      seconds: 60,
      ramp: [250, 500, 2000],
      rampSeconds: 10,
      feedRates: [1000, 2500, 5000, 10000],
      feedSeconds: 5,
      databaseUrl: fullDatabaseUrl,
    },
    small: {
      sockets: 6,
      rate: 40,
      seconds: 2,
      ramp: [],
      rampSeconds: 0,
      feedRates: [200],
      feedSeconds: 1,
      databaseUrl: fullDatabaseUrl,
    },
  },
  {
    id: 'fuzz',
    title: 'Fuzz (bad requests to every route × role, bad inputs to every bridge call: 4xx, 5xx, data changed)',
    load: async () => (await import('./fuzz.ts')).runFuzzBench as never,
    full: { runs: 60, bridgeRuns: 300 },
    small: { runs: 1, bridgeRuns: 3 },
  },
];

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function formatTable(figures: Figure[]): string {
  const rows = figures.map((f) => [f.name, formatValue(f.value), f.unit, f.note ?? '']);
  const header = ['measure', 'value', 'unit', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const small = args.includes('--small');
  const onlyArg = args.find((a) => a.startsWith('--only'));
  const only = onlyArg
    ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1])?.split(',')
    : undefined;
  let failed = 0;
  console.log(`Chat Desk benchmarks (${small ? 'small' : 'full'} size), ${new Date().toISOString()}`);
  for (const part of parts) {
    if (only && !only.includes(part.id)) continue;
    const opts = small ? part.small : part.full;
    console.log(`\n## ${part.id}: ${part.title}\n   ${JSON.stringify({ ...opts, databaseUrl: undefined })}\n`);
    const started = performance.now();
    try {
      const run = await part.load();
      const figures = await run(opts as never);
      console.log(formatTable(figures));
      console.log(`   (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed++;
      console.error(`   FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  if (failed) {
    console.error(`\n${failed} benchmark part(s) failed`);
    process.exit(1);
  }
  process.exit(0);
}

if (import.meta.main) await main();
