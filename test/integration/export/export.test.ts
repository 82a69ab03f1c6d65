// Export (F8, D6) end to end: a real backend (PGlite, demo marketplace), a real desk core with its SQLite cache,
// the export worker thread writing real files, read back with exceljs and csv-parse and compared cell by cell with
// what the cache shows. The only stand-in is the save dialog (Electron cannot run here): a host that answers with
// the path a test chooses, the way the dialog would.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportHost, SaveRequest } from '../../../src/main/core/export/host.ts';
import type { SessionFilter, SessionSort, SortOrder } from '../../../src/shared/api.ts';
import type { CallInput, ExportProgress } from '../../../src/shared/bridge.ts';
import type { Session } from '../../../src/shared/domain.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';
import { startDeskCore, type TestDesk } from '../../support/desk.ts';
import { cacheSessions, csvText, csvTime, readCsv, readXlsx } from './exportFiles.ts';

class DialogStandIn implements ExportHost {
  /** The answer of the next dialog: a path, null (cancelled), or undefined (the proposed name in `dir`). */
  next: string | null | undefined = undefined;
  requests: SaveRequest[] = [];
  opened: string[] = [];
  revealed: string[] = [];
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }
  async chooseSavePath(request: SaveRequest) {
    this.requests.push(request);
    const answer = this.next === undefined ? join(this.dir, request.defaultName) : this.next;
    this.next = undefined;
    return answer;
  }
  async openPath(path: string) {
    this.opened.push(path);
  }
  showInFolder(path: string) {
    this.revealed.push(path);
  }
}

// Names that break naive CSV and spreadsheet writers, given to real products and people through the backend.
const TRICKY = {
  product: 'عطر "عود" فاخر, 100 مل',
  customer: 'Line one\nLine two, "quoted"',
  seller: '=HYPERLINK("http://example.test","x")',
  product2: 'Cable, USB-C\r\n2 m',
};

let backend: TestBackend;
let desk: TestDesk;
let outDir: string;
let host: DialogStandIn;
let trickySessions: Session[];

beforeAll(async () => {
  backend = await startTestBackend();
  const token = await backend.adminToken();
  const { body: page } = await backend.request<{ items: Session[] }>('GET', '/admin/sessions?limit=50', { token });
  const [a, b] = page.items;
  if (!a || !b) throw new Error('the demo marketplace has no sessions');
  const rename = async (path: string, name: string) => {
    const r = await backend.request('PATCH', path, { token, body: { name } });
    if (r.status !== 200) throw new Error(`rename ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await rename(`/admin/products/${a.product.id}`, TRICKY.product);
  await rename(`/admin/users/${a.customer.id}`, TRICKY.customer);
  await rename(`/admin/users/${a.seller.id}`, TRICKY.seller);
  if (b.product.id !== a.product.id) await rename(`/admin/products/${b.product.id}`, TRICKY.product2);
  // B10: an assignee and a resolution on the tricky sessions, so those columns hold something.
  const staff = await backend.request<{ items: Array<{ id: string; role: string }> }>('GET', '/admin/assignees', {
    token,
  });
  const assignee = staff.body.items.find((s) => s.role === 'agent')?.id;
  const triage = await backend.request('PATCH', `/admin/sessions/${a.id}`, {
    token,
    body: { assigneeId: assignee, status: 'resolved' },
  });
  if (triage.status !== 200) throw new Error(`triage: ${triage.status} ${JSON.stringify(triage.body)}`);
  outDir = mkdtempSync(join(tmpdir(), 'chatdesk-export-'));
  host = new DialogStandIn(outDir);
  desk = await startDeskCore({ backendUrl: backend.url, exportHost: host });
  await desk.settled();
  trickySessions = [a, b];
});

afterAll(async () => {
  await desk?.close();
  await backend?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

type StartInput = CallInput<'export.start'>;

/** Starts an export and waits for its last progress event. */
async function runToEnd(
  input: StartInput,
): Promise<{ started: ExportProgress; last: ExportProgress; all: ExportProgress[] }> {
  const since = Date.now();
  const started = await desk.call('export.start', input);
  const last =
    started.state === 'running'
      ? await desk.waitForEvent('export.progress', (p) => p.exportId === started.exportId && p.state !== 'running', {
          since,
          timeoutMs: 30_000,
        })
      : started;
  const all = desk.events
    .filter((e) => e.name === 'export.progress' && e.at >= since)
    .map((e) => e.payload as ExportProgress)
    .filter((p) => p.exportId === started.exportId);
  return { started, last, all };
}

/** A line break in a spreadsheet cell is LF: CR and CRLF in names become LF in XLSX (exactly kept in CSV). */
const xlsxText = (text: string) => text.replace(/\r\n?/g, '\n');

const STATUS = {
  en: { open: 'Open', pending: 'Pending', resolved: 'Resolved' },
  ar: { open: 'مفتوحة', pending: 'معلّقة', resolved: 'محلولة' },
} as const;

/** A row as exceljs reads it back: an empty cell is a hole, and the row ends at its last value. */
const expectedRow =
  (locale: 'en' | 'ar') =>
  (s: Session): unknown[] => {
    const row: unknown[] = [
      xlsxText(s.product.name),
      xlsxText(s.customer.name),
      xlsxText(s.seller.name),
      s.messagesCount,
      s.unreadCount,
      new Date(s.lastMessageAt),
      new Date(s.createdAt),
      new Date(s.updatedAt),
      STATUS[locale][s.status],
      s.assigneeName === null ? undefined : xlsxText(s.assigneeName),
      s.firstResponseAt === null ? undefined : new Date(s.firstResponseAt),
      s.resolvedAt === null ? undefined : new Date(s.resolvedAt),
    ];
    while (row.at(-1) === undefined) row.pop();
    return row;
  };

const expectedCsv =
  (locale: 'en' | 'ar') =>
  (s: Session): string[] => [
    csvText(s.product.name),
    csvText(s.customer.name),
    csvText(s.seller.name),
    String(s.messagesCount),
    String(s.unreadCount),
    csvTime(s.lastMessageAt),
    csvTime(s.createdAt),
    csvTime(s.updatedAt),
    STATUS[locale][s.status],
    s.assigneeName === null ? '' : csvText(s.assigneeName),
    s.firstResponseAt === null ? '' : csvTime(s.firstResponseAt),
    s.resolvedAt === null ? '' : csvTime(s.resolvedAt),
  ];

const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.includes('.partial'));

describe('export to XLSX', () => {
  it('writes every session matching the query in the grid order, Arabic headers, right-to-left sheet, real date cells', async () => {
    const filter: SessionFilter = {};
    const sort: SessionSort = 'lastMessageAt';
    const order: SortOrder = 'desc';
    const { started, last, all } = await runToEnd({
      target: { allMatching: { filter } },
      format: 'xlsx',
      locale: 'ar',
      sort,
      order,
    });
    const expected = await cacheSessions(desk, filter, sort, order);
    expect(expected.length).toBeGreaterThan(20);
    expect(started.total).toBe(expected.length);
    expect(last).toMatchObject({ state: 'done', written: expected.length, total: expected.length, error: null });
    expect(all.at(-1)?.state).toBe('done');
    const path = last.filePath as string;
    expect(path.startsWith(outDir) && path.endsWith('.xlsx')).toBe(true);
    expect(host.requests.at(-1)?.filters).toEqual([{ name: 'Excel (XLSX)', extensions: ['xlsx'] }]);

    const file = await readXlsx(path);
    expect(file.rightToLeft).toBe(true);
    expect(file.sheetName).toBe('جلسات المحادثة');
    expect(file.header).toEqual([
      'المنتج',
      'العميل',
      'البائع',
      'عدد الرسائل',
      'عدد غير المقروءة',
      'آخر رسالة (UTC)',
      'تاريخ الإنشاء (UTC)',
      'تاريخ التحديث (UTC)',
      'الحالة',
      'المسؤول',
      'أول رد (UTC)',
      'تاريخ الحل (UTC)',
    ]);
    expect(file.rows).toHaveLength(expected.length);
    for (const [i, s] of expected.entries()) expect(file.rows[i], `row ${i + 2}`).toEqual(expectedRow('ar')(s));
    // The workflow's columns hold the assignee and resolution made on the backend (B10).
    expect(file.rows.some((r) => r[8] === 'محلولة' && r[9] === 'عادل الدعم' && r[11] instanceof Date)).toBe(true);
    expect(file.formats.slice(5)).toEqual(['yyyy-mm-dd hh:mm:ss', 'yyyy-mm-dd hh:mm:ss', 'yyyy-mm-dd hh:mm:ss']);
    // The tricky names are there, exactly.
    const names = file.rows.flatMap((r) => r.slice(0, 3));
    for (const name of Object.values(TRICKY)) expect(names).toContain(xlsxText(name));
    expect(leftovers(outDir)).toEqual([]);
  });

  it('exports the checked rows ({ids}) in the chosen sort, English headers, left-to-right', async () => {
    const some = (await cacheSessions(desk, {}, 'createdAt', 'asc')).filter((_, i) => i % 3 === 0);
    const ids = [...some.map((s) => s.id), ...trickySessions.map((s) => s.id)];
    const { last } = await runToEnd({ target: { ids }, format: 'xlsx', locale: 'en', sort: 'product', order: 'asc' });
    expect(last.state).toBe('done');
    const all = await cacheSessions(desk, {}, 'product', 'asc');
    const wanted = new Set(ids);
    const expected = all.filter((s) => wanted.has(s.id));
    const file = await readXlsx(last.filePath as string);
    expect(file.rightToLeft).toBe(false);
    expect(file.header).toEqual([
      'Product',
      'Customer',
      'Seller',
      'Messages count',
      'Unread count',
      'Last message at (UTC)',
      'Created at (UTC)',
      'Updated at (UTC)',
      'Status',
      'Assignee',
      'First response at (UTC)',
      'Resolved at (UTC)',
    ]);
    expect(file.rows).toEqual(expected.map(expectedRow('en')));
  });
});

describe('export to CSV', () => {
  it('writes RFC 4180 with a BOM and CRLF; commas, quotes, new lines and Arabic survive; formulas are defused', async () => {
    const filter: SessionFilter = { search: 'عطر' };
    const { last } = await runToEnd({
      target: { allMatching: { filter } },
      format: 'csv',
      locale: 'en',
      sort: 'customer',
      order: 'desc',
    });
    const expected = await cacheSessions(desk, filter, 'customer', 'desc');
    expect(expected.length).toBeGreaterThan(0);
    expect(last).toMatchObject({ state: 'done', written: expected.length, total: expected.length });
    const csv = readCsv(last.filePath as string);
    expect(csv.bom).toBe(true);
    expect(csv.crlf).toBe(true);
    expect(csv.records[0]).toEqual([
      'Product',
      'Customer',
      'Seller',
      'Messages count',
      'Unread count',
      'Last message at (UTC)',
      'Created at (UTC)',
      'Updated at (UTC)',
      'Status',
      'Assignee',
      'First response at (UTC)',
      'Resolved at (UTC)',
    ]);
    expect(csv.records.slice(1)).toEqual(expected.map(expectedCsv('en')));
  });

  it('exports the checked rows with the tricky names exactly, Arabic headers', async () => {
    const ids = trickySessions.map((s) => s.id);
    const { last } = await runToEnd({
      target: { ids },
      format: 'csv',
      locale: 'ar',
      sort: 'lastMessageAt',
      order: 'asc',
    });
    const expected = (await cacheSessions(desk, {}, 'lastMessageAt', 'asc')).filter((s) => ids.includes(s.id));
    const csv = readCsv(last.filePath as string);
    expect(csv.records[0]?.[0]).toBe('المنتج');
    expect(csv.records.slice(1)).toEqual(expected.map(expectedCsv('ar')));
    const cells = csv.records.slice(1).flat();
    expect(cells).toContain(TRICKY.product);
    expect(cells).toContain(TRICKY.customer);
    expect(cells).toContain(TRICKY.product2);
    expect(cells).toContain(`'${TRICKY.seller}`);
    expect(cells).toContain('عادل الدعم');
    expect(cells).toContain('محلولة');
  });

  it('exports with every filter of the grid combined, as the grid shows them', async () => {
    const [first] = await cacheSessions(desk, { hasUnread: true }, 'lastMessageAt', 'desc');
    const filter: SessionFilter = { hasUnread: true, activeWithinDays: 30, sellerId: first?.seller.id };
    const { last } = await runToEnd({
      target: { allMatching: { filter } },
      format: 'csv',
      locale: 'en',
      sort: 'unreadCount',
      order: 'desc',
    });
    const expected = await cacheSessions(desk, filter, 'unreadCount', 'desc');
    expect(expected.length).toBeGreaterThan(0);
    expect(readCsv(last.filePath as string).records.slice(1)).toEqual(expected.map(expectedCsv('en')));
  });
});

describe('where the file goes, and what is left behind', () => {
  it('the person cancels the save dialog: nothing is written and the export says cancelled', async () => {
    const before = readdirSync(outDir);
    host.next = null;
    const started = await desk.call('export.start', {
      target: { allMatching: { filter: {} } },
      format: 'csv',
      locale: 'en',
    });
    expect(started).toMatchObject({ state: 'cancelled', filePath: null, written: 0, error: null });
    expect(readdirSync(outDir)).toEqual(before);
  });

  it('adds the extension when the name typed in the dialog has none', async () => {
    host.next = join(outDir, 'report');
    const { last } = await runToEnd({ target: { allMatching: { filter: {} } }, format: 'csv', locale: 'en' });
    expect(last.filePath).toBe(join(outDir, 'report.csv'));
    expect(existsSync(join(outDir, 'report.csv'))).toBe(true);
  });

  it('an unwritable folder fails with not_writable naming the folder, and leaves nothing behind', async () => {
    const locked = join(outDir, 'locked');
    mkdirSync(locked);
    const unlock = lockFolder(locked);
    try {
      host.next = join(locked, 'sessions.xlsx');
      const { started, last } = await runToEnd({
        target: { allMatching: { filter: {} } },
        format: 'xlsx',
        locale: 'en',
      });
      expect(last.state).toBe('failed');
      expect(last.error?.code).toBe('not_writable');
      expect(last.error?.message).toContain(locked);
      expect(last.filePath).toBeNull();
      expect(started.exportId).toBe(last.exportId);
    } finally {
      unlock();
    }
    expect(readdirSync(locked)).toEqual([]);
  });

  it('a folder that does not exist fails with folder_missing', async () => {
    host.next = join(outDir, 'gone', 'sessions.csv');
    const { last } = await runToEnd({ target: { allMatching: { filter: {} } }, format: 'csv', locale: 'en' });
    expect(last).toMatchObject({ state: 'failed', filePath: null, error: { code: 'folder_missing' } });
  });

  it('opens the finished file or shows it in its folder through the shell; refuses an unknown export', async () => {
    const { last } = await runToEnd({ target: { allMatching: { filter: {} } }, format: 'csv', locale: 'en' });
    await desk.call('export.open', { exportId: last.exportId });
    await desk.call('export.open', { exportId: last.exportId, reveal: true });
    expect(host.opened.at(-1)).toBe(last.filePath);
    expect(host.revealed.at(-1)).toBe(last.filePath);
    const unknown = await desk.result('export.open', { exportId: 'nope' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('not_found');
    const cancelUnknown = await desk.result('export.cancel', { exportId: 'nope' });
    expect(cancelUnknown.ok).toBe(false);
  });

  it('refuses a role without the export permission, and bad input naming the field', async () => {
    const agent = await startDeskCore({ backendUrl: backend.url, email: 'agent@demo.chatdesk', exportHost: host });
    try {
      const refused = await agent.result('export.start', {
        target: { allMatching: { filter: {} } },
        format: 'csv',
        locale: 'en',
      });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.code).toBe('forbidden');
    } finally {
      await agent.close();
    }
    const bad = await desk.result('export.start', { target: { ids: [] }, format: 'pdf', locale: 'en' } as never);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('bad_request');
      expect(Object.keys(bad.error.fields ?? {}).join(' ')).toMatch(/format|target/);
    }
  });
});

/** Makes a folder unwritable: permissions for a normal user; root ignores those, so the immutable attribute. */
function lockFolder(dir: string): () => void {
  if (process.getuid?.() === 0) {
    const r = spawnSync('chattr', ['+i', dir]);
    if (r.status !== 0) throw new Error(`chattr +i failed: ${r.stderr}`);
    return () => void spawnSync('chattr', ['-i', dir]);
  }
  chmodSync(dir, 0o555);
  return () => chmodSync(dir, 0o755);
}
