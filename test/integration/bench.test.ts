// The benchmarks at a small size, so `npm run bench` cannot rot: every part runs and prints a table of figures.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function runBench(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['test/bench/run.ts', '--small'], { cwd: root, env: { ...process.env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolvePromise({ code, out }));
  });
}

describe('npm run bench (small size)', () => {
  it('runs every part and prints a table of numeric figures for each', { timeout: 600_000 }, async () => {
    const { code, out } = await runBench();
    expect(out, out).not.toContain('FAILED');
    expect(code, out).toBe(0);
    for (const part of ['backend', 'desk', 'export', 'renderer', 'load', 'fuzz']) {
      const section = out.split(`## ${part}:`)[1]?.split('\n## ')[0] ?? '';
      expect(section, `section ${part}`).toMatch(/\| measure\s+\|\s+value\s+\|/);
      // at least one row with a number in the value column
      expect(section, `figures of ${part}`).toMatch(/\|[^|\n]+\|\s+[\d,.]+ \|/);
    }
  });
});
