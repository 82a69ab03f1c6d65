// Interface benchmark (npm run bench -- --only renderer), measured in Chromium on the web edition:
//   1. opening the window on a cache of N sessions until the first rows of the table show (goal ≤ 1.5 s);
//   2. typing in the search box, and toggling a filter, until the rows on screen are the new query's (goal ≤ 150 ms
//      at p95). The wait is measured inside the page (from the input event to the DOM showing the rows and total the
//      core answers for that query), so the benchmark's own round trips do not count.
// The desk core is the real one, resumed on a generated cache file (as at an app start) with its backend out of
// reach, so nothing but the interface's own queries runs. The page is the built app (out/renderer: the frame resumes
// the account and opens on the sessions screen) when it has been built, else the sessions screen's harness frame.
// BENCH_TRACE=1 prints what the page's main thread did (script, style, layout, paint, GC) while opening and during the
// search/filter steps. BENCH_PROFILE=1 prints where the page spent its time during the search/filter steps (CHATDESK_HARNESS_MINIFY=0
// keeps the names readable; CHATDESK_BENCH_PAGE=harness measures the harness even when the app is built).
// CHATDESK_BENCH_BASELINE=<folder of another built renderer> (e.g. an earlier commit's out/renderer) measures that page
// too, on the same core and cache in the same run, each measurement taken on both pages in turn, so a change to the
// interface is measured before and after under the same load; its figures are marked "baseline".
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { accountKey } from '../../src/main/core/account.ts';
import { createDeskCore, type DeskCore } from '../../src/main/core/deskCore.ts';
import { createMemorySecretStore } from '../../src/main/core/secrets.ts';
import { startWebHost, type WebHost } from '../../src/main/web/webHost.ts';
import type { SessionFilter } from '../../src/shared/api.ts';
import type { SessionPage } from '../../src/shared/bridge.ts';
import { rolePermissions } from '../../src/shared/domain.ts';
import { launchChromiumProfile } from '../support/browser.ts';
import { buildSessionsHarness } from '../support/sessionsHarness.ts';
import { type Figure, generateCache } from './desk.ts';
import { startTrace, stopTrace } from './pageTrace.ts';

export interface RendererBenchOptions {
  sessions: number;
  /** Measurements per kind (search, filter). */
  runs?: number;
  /** Another built renderer to measure first in the same run (default: CHATDESK_BENCH_BASELINE). */
  baselineDir?: string;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

const appDir = resolve(import.meta.dirname, '../../out/renderer');

/** A backend address nothing answers on: the core stays offline and serves the cache. */
const UNREACHABLE_BACKEND = 'http://127.0.0.1:9';

export async function resumedCore(
  dataDir: string,
  sessions: number,
): Promise<{ core: DeskCore; pools: ReturnType<typeof generateCache> }> {
  const staff = {
    id: '00000000-0000-4000-8000-00000000be9c',
    name: 'Bench Admin',
    email: 'bench@x.test',
    role: 'admin' as const,
  };
  const key = accountKey(UNREACHABLE_BACKEND, staff.id);
  const pools = generateCache(join(dataDir, `cache-${key}.sqlite`), sessions);
  writeFileSync(
    join(dataDir, 'accounts.json'),
    JSON.stringify({
      current: { backendUrl: UNREACHABLE_BACKEND, staff, permissions: [...rolePermissions.admin], key },
      lastBackendUrl: UNREACHABLE_BACKEND,
    }),
  );
  const secrets = createMemorySecretStore();
  await secrets.set(`token-${key}`, 'bench-token');
  const core = await createDeskCore({
    edition: 'web',
    dataDir,
    version: '0.0.0-bench',
    secrets,
    log: () => {},
    sync: { backoffBaseMs: 5_000, backoffMaxMs: 60_000, liveTimeoutMs: 10_000 },
  });
  return { core, pools };
}

// The page's DOM, typed here by hand: this file is type-checked with Node's library, and runs this part in Chromium.
interface PageElement {
  getAttribute(name: string): string | null;
  click(): void;
  dispatchEvent(event: Event): boolean;
}
interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null; body: unknown };
  MutationObserver: new (
    callback: () => void,
  ) => { observe(target: unknown, options: unknown): void; disconnect(): void };
  HTMLInputElement: { prototype: object };
}

/** In the page: apply `act`, then resolve with the ms until the table shows `firstId` first and `total` rows. */
export const measureInPage = ([act, text, firstId, total]: [string, string, string | null, number]) =>
  new Promise<number>((resolve, reject) => {
    const page = globalThis as unknown as PageGlobals;
    const doc = page.document;
    const shows = () => {
      const shownTotal = doc.querySelector('[data-testid="sessions-total"]')?.getAttribute('data-total');
      if (shownTotal !== String(total)) return false;
      if (firstId === null) return doc.querySelector('[data-testid="sessions-empty"]') !== null;
      return doc.querySelector(`.ag-row[row-index="0"][row-id="${firstId}"] [col-id="customer"]`) !== null;
    };
    const observer = new page.MutationObserver(() => {
      if (!shows()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now() - started);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`the table did not show ${firstId} / ${total} within 20 s (${act} ${text})`));
    }, 20_000);
    observer.observe(doc.body, { subtree: true, childList: true, attributes: true });
    let started = performance.now();
    if (act === 'search') {
      const input = doc.querySelector('[data-testid="sessions-search"]');
      if (!input) throw new Error('no search box');
      // React hears a typed value through the native setter and an input event (what a keystroke does).
      const setter = Object.getOwnPropertyDescriptor(page.HTMLInputElement.prototype, 'value')?.set;
      started = performance.now();
      setter?.call(input, text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    } else {
      const input = doc.querySelector(`[data-testid="${text}"]`);
      if (!input) throw new Error(`no ${text}`);
      started = performance.now();
      input.click();
    }
  });

/** The functions the page spent most time in since Profiler.start (BENCH_PROFILE=1). */
async function stopProfile(cdp: CDPSession): Promise<string> {
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map<string, number>();
  const dt = profile.timeDeltas ?? [];
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  (profile.samples ?? []).forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([k, v]) => `${v.toFixed(0)}ms ${k}`)
    .join('\n');
}

async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
}

type Pools = ReturnType<typeof generateCache>;

/** One page under measure: a built renderer served by its own web host, in its own browser profile. */
interface Target {
  name: string;
  dir: string;
  profileDir: string;
  context: BrowserContext;
  host: WebHost;
  opens: number[];
  firstOpen: number;
  searchTimes: number[];
  filterTimes: number[];
}

/** Opens each page (served by a web host on `core`) and measures first rows and search/filter updates. With more
 * than one page, each measurement is taken on every page in turn (the order alternating), so a load on the machine
 * that comes and goes weighs on them alike. */
async function measurePages(
  core: DeskCore,
  pools: Pools,
  pages: Array<{ dir: string; name: string }>,
  runs: number,
): Promise<Figure[][]> {
  const targets: Target[] = [];
  const inTurn = (i: number) => (i % 2 === 0 ? targets : [...targets].reverse());
  try {
    for (const { dir, name } of pages) {
      // A browser profile on disk, as a person's browser has: the first open is cold (nothing cached), the later ones
      // find the interface's files and their compiled code in the profile's caches (Chromium compiles a script from
      // its cache from the third load on).
      const profileDir = mkdtempSync(join(tmpdir(), 'chatdesk-bench-profile-'));
      const context = await launchChromiumProfile(profileDir, { width: 1400, height: 900 });
      const host = await startWebHost({ core: core.endpoint, rendererDir: dir });
      targets.push({ name, dir, profileDir, context, host, opens: [], firstOpen: 0, searchTimes: [], filterTimes: [] });
    }
    const endpoint = core.endpoint;
    const page = async (filter: SessionFilter): Promise<SessionPage> => {
      const result = await endpoint.dispatch('sessions.page', {
        filter,
        sort: 'lastMessageAt',
        order: 'desc',
        limit: 1,
      });
      if (!result.ok) throw new Error(result.error.message);
      return result.value as SessionPage;
    };

    // 1. Opening the window until the first rows show: a cold first open, then warm ones (a new window each).
    for (let i = 0; i < 5; i++) {
      for (const target of inTurn(i)) {
        const tab = await target.context.newPage();
        const traced = process.env.BENCH_TRACE && i === 1;
        const cdp = (process.env.BENCH_PROFILE || traced) && i === 1 ? await target.context.newCDPSession(tab) : null;
        if (cdp) await (traced ? startTrace(cdp) : startProfile(cdp));
        const started = performance.now();
        await tab.goto(target.host.url);
        await tab.locator('.ag-row[row-id] [col-id="customer"]').first().waitFor({ timeout: 30_000 });
        const ms = performance.now() - started;
        if (cdp)
          console.log(`${target.name}, opening the window:\n${await (traced ? stopTrace(cdp) : stopProfile(cdp))}`);
        if (i === 0) target.firstOpen = ms;
        else target.opens.push(ms);
        await tab.close();
      }
    }

    // 2. Search and filter updates, each page in one open window, every step taken on each page in turn.
    const tabs = new Map<Target, Page>();
    const cdps = new Map<Target, CDPSession>();
    const traced = Boolean(process.env.BENCH_TRACE);
    for (const target of targets) {
      const tab = await target.context.newPage();
      await tab.goto(target.host.url);
      await tab.locator('.ag-row[row-id] [col-id="customer"]').first().waitFor({ timeout: 30_000 });
      tabs.set(target, tab);
      if (process.env.BENCH_PROFILE || traced) {
        const cdp = await target.context.newCDPSession(tab);
        await (traced ? startTrace(cdp) : startProfile(cdp));
        cdps.set(target, cdp);
      }
    }
    const { customers, sellers, products } = pools;
    const words = [
      ...customers.slice(0, runs).map((c) => c.name.split(' ')[0] ?? c.name),
      ...sellers.slice(0, runs).map((s) => s.name),
      ...products.slice(0, runs).map((p) => p.name.split(' ').slice(0, 2).join(' ')),
    ];
    let state = { search: '', hasUnread: false };
    let shown = await page({});
    let stepNo = 0;
    const filterOf = (s: typeof state): SessionFilter => ({
      ...(s.search ? { search: s.search } : {}),
      ...(s.hasUnread ? { hasUnread: true } : {}),
    });
    const step = async (kind: 'search' | 'filter', next: typeof state, text: string) => {
      const expected = await page(filterOf(next));
      const firstId = expected.rows[0]?.id ?? null;
      // A step that would not change what is on screen cannot be timed.
      if (expected.total === shown.total && firstId === (shown.rows[0]?.id ?? null)) return;
      for (const target of inTurn(stepNo++)) {
        const tab = tabs.get(target) as Page;
        const ms = await tab.evaluate(measureInPage, [kind, text, firstId, expected.total] as [
          string,
          string,
          string | null,
          number,
        ]);
        (kind === 'search' ? target.searchTimes : target.filterTimes).push(ms);
        // Let the debounced writes (column state) and late renders settle before the next step.
        await new Promise((r) => setTimeout(r, 100));
      }
      state = next;
      shown = expected;
    };
    for (let i = 0; i < runs; i++) {
      const word = words[(i * 7) % words.length] as string;
      await step('search', { ...state, search: word }, word);
      await step('filter', { ...state, hasUnread: !state.hasUnread }, 'filter-has-unread');
      if (i % 3 === 2) await step('search', { ...state, search: '' }, '');
    }
    for (const [target, cdp] of cdps)
      console.log(`${target.name}, search and filter steps:\n${await (traced ? stopTrace(cdp) : stopProfile(cdp))}`);
    return targets.map((target) => [
      {
        name: 'open window → first rows (first open)',
        value: target.firstOpen,
        unit: 'ms',
        note: `goal ≤ 1,500; ${target.name}`,
      },
      {
        name: 'open window → first rows (again) p50',
        value: percentile(target.opens, 50),
        unit: 'ms',
        note: `goal ≤ 1,500; opens ${target.opens.map((ms) => ms.toFixed(0)).join(', ')} ms`,
      },
      {
        name: 'search typed → rows p50',
        value: percentile(target.searchTimes, 50),
        unit: 'ms',
        note: `${target.searchTimes.length} searches`,
      },
      {
        name: 'search typed → rows p95',
        value: percentile(target.searchTimes, 95),
        unit: 'ms',
        note: 'goal ≤ 150 (the first keystroke after a pause queries at once)',
      },
      {
        name: 'filter toggled → rows p50',
        value: percentile(target.filterTimes, 50),
        unit: 'ms',
        note: `${target.filterTimes.length} toggles`,
      },
      { name: 'filter toggled → rows p95', value: percentile(target.filterTimes, 95), unit: 'ms', note: 'goal ≤ 150' },
    ]);
  } finally {
    for (const target of targets) {
      await target.context.close();
      rmSync(target.profileDir, { recursive: true, force: true });
      await target.host.close();
    }
  }
}

export async function runRendererBench(options: RendererBenchOptions): Promise<Figure[]> {
  const runs = options.runs ?? 20;
  const baselineDir = options.baselineDir ?? process.env.CHATDESK_BENCH_BASELINE;
  if (baselineDir && !existsSync(join(baselineDir, 'index.html'))) {
    throw new Error(`CHATDESK_BENCH_BASELINE: no index.html in ${baselineDir}`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'chatdesk-bench-renderer-'));
  const figures: Figure[] = [];
  let core: DeskCore | null = null;
  let harnessDir: string | null = null;
  try {
    const t0 = performance.now();
    const resumed = await resumedCore(dataDir, options.sessions);
    core = resumed.core;
    figures.push({
      name: 'cache: generate sessions',
      value: (performance.now() - t0) / 1000,
      unit: 's',
      note: `${options.sessions.toLocaleString('en-US')} sessions`,
    });
    const builtApp = process.env.CHATDESK_BENCH_PAGE !== 'harness' && existsSync(join(appDir, 'index.html'));
    if (!builtApp) harnessDir = await buildSessionsHarness();
    const pages = [{ dir: harnessDir ?? appDir, name: builtApp ? 'the app' : 'harness' }];
    if (baselineDir) pages.unshift({ dir: baselineDir, name: `baseline ${baselineDir}` });
    const measured = await measurePages(core, resumed.pools, pages, runs);
    if (baselineDir) figures.push(...(measured.shift() ?? []).map((f) => ({ ...f, name: `${f.name} (baseline)` })));
    figures.push(...(measured[0] ?? []));
  } finally {
    await core?.close({ flush: false });
    rmSync(dataDir, { recursive: true, force: true });
    if (harnessDir) rmSync(harnessDir, { recursive: true, force: true });
  }
  return figures;
}

if (import.meta.main) {
  const { formatTable } = await import('./run.ts');
  const sessions = Number(process.argv[2] ?? 2000);
  console.log(formatTable(await runRendererBench({ sessions })));
  process.exit(0);
}
