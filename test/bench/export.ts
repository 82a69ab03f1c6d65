// Export benchmark (npm run bench -- --only export): N sessions generated straight into a cache file, exported to
// XLSX and to CSV exactly as the app does it (ExportManager → export worker thread), each in a child process of its
// own so its memory is measured alone: wall time from the call to the last byte renamed into place, and the peak
// resident memory of that process (getrusage maxRSS: the worker thread, SQLite, exceljs and Node itself).
//   node test/bench/export.ts <cache> <outDir> <format>    the child: one export, prints its figures as JSON
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFolderExportHost } from '../../src/main/core/export/host.ts';
import { ExportManager } from '../../src/main/core/export/manager.ts';
import type { ExportFormat, ExportProgress } from '../../src/shared/bridge.ts';
import { type Figure, generateCache } from './desk.ts';

const GOALS: Record<ExportFormat, { seconds: number; mb: number }> = {
  xlsx: { seconds: 30, mb: 400 },
  csv: { seconds: 10, mb: 400 },
};

interface ChildResult {
  ms: number;
  written: number;
  total: number;
  filePath: string;
  maxRssMb: number;
  /** CPU time of the whole process (all its threads, zlib's included), ms. */
  cpuMs: number;
  progressEvents: number;
}

/** One export in this process (the child side). */
async function exportOnce(cacheFile: string, outDir: string, format: ExportFormat): Promise<ChildResult> {
  mkdirSync(outDir, { recursive: true });
  let progressEvents = 0;
  let resolveDone!: (p: ExportProgress) => void;
  const done = new Promise<ExportProgress>((resolve) => {
    resolveDone = resolve;
  });
  const manager = new ExportManager({
    host: createFolderExportHost(outDir),
    cacheFile: () => cacheFile,
    ...(process.env.EXPORT_LIMITS ? { resourceLimits: JSON.parse(process.env.EXPORT_LIMITS) } : {}),
    emit: (p) => {
      progressEvents++;
      if (p.state !== 'running') resolveDone(p);
    },
  });
  const cpu = process.cpuUsage();
  const started = performance.now();
  await manager.start({
    target: { allMatching: { filter: {} } },
    format,
    locale: 'en',
    sort: 'lastMessageAt',
    order: 'desc',
  });
  const last = await done;
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (last.state !== 'done' || !last.filePath) throw new Error(`export ${last.state}: ${last.error?.message}`);
  return {
    ms,
    written: last.written,
    total: last.total,
    filePath: last.filePath,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    cpuMs: (used.user + used.system) / 1000,
    progressEvents,
  };
}

function runChild(cacheFile: string, outDir: string, format: ExportFormat): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [import.meta.filename, cacheFile, outDir, format], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`export child (${format}) exited ${code}: ${err || out}`));
      try {
        resolve(JSON.parse(line) as ChildResult);
      } catch {
        reject(new Error(`export child (${format}) printed no result: ${out} ${err}`));
      }
    });
  });
}

export async function runExportBench(options: { sessions: number }): Promise<Figure[]> {
  const n = options.sessions;
  const dir = mkdtempSync(join(tmpdir(), 'chatdesk-bench-export-'));
  const figures: Figure[] = [];
  try {
    const cacheFile = join(dir, 'cache.sqlite');
    const generating = performance.now();
    generateCache(cacheFile, n);
    figures.push({
      name: 'cache generated (setup)',
      value: (performance.now() - generating) / 1000,
      unit: 's',
      note: `${n.toLocaleString('en-US')} sessions, ${(statSync(cacheFile).size / 1e6).toFixed(0)} MB file`,
    });
    for (const format of ['xlsx', 'csv'] as const) {
      const result = await runChild(cacheFile, join(dir, format), format);
      if (result.written !== n) throw new Error(`${format}: wrote ${result.written} of ${n} sessions`);
      const goal = GOALS[format];
      const seconds = result.ms / 1000;
      figures.push(
        {
          name: `${format.toUpperCase()} export time`,
          value: seconds,
          unit: 's',
          note: `goal ≤ ${goal.seconds} s at 1M${n >= 1_000_000 ? (seconds <= goal.seconds ? ' (met)' : ' (MISSED)') : ''}`,
        },
        { name: `${format.toUpperCase()} rows per second`, value: Math.round(n / seconds), unit: 'rows/s' },
        {
          name: `${format.toUpperCase()} CPU time (all threads)`,
          value: result.cpuMs / 1000,
          unit: 's',
          note: `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`,
        },
        {
          name: `${format.toUpperCase()} peak memory (process maxRSS)`,
          value: result.maxRssMb,
          unit: 'MB',
          note: `goal ≤ ${goal.mb} MB${result.maxRssMb <= goal.mb ? ' (met)' : ' (MISSED)'}`,
        },
        { name: `${format.toUpperCase()} file size`, value: statSync(result.filePath).size / 1e6, unit: 'MB' },
      );
      rmSync(join(dir, format), { recursive: true, force: true });
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const [cacheFile, outDir, format] = process.argv.slice(2);
  if (!cacheFile || !outDir || (format !== 'xlsx' && format !== 'csv')) {
    console.error('usage: node test/bench/export.ts <cache.sqlite> <outDir> <xlsx|csv>');
    process.exit(2);
  }
  const result = await exportOnce(cacheFile, outDir, format);
  console.log(JSON.stringify(result));
  process.exit(0);
}
