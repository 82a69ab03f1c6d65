// The sessions table's cell renderers (F3) and strings (B5), in happy-dom: the renderers are AG Grid's plain DOM kind,
// made and refreshed here as the grid does. The grid itself, with the real core, is covered by
// test/e2e/sessions.test.ts.
import type { ICellRendererParams } from 'ag-grid-community';
import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ActionsCell,
  CreatedAtCell,
  CustomerCell,
  cutText,
  LastMessageCell,
  MessagesBadge,
  ProductCell,
  SellerCell,
  UnreadBadge,
  UpdatedAtCell,
  unreadColor,
} from '../../src/renderer/src/features/sessions/cells.ts';
import {
  activeFilterCount,
  bulkTarget,
  exportTarget,
  fromSessionFilter,
  noFilters,
  toSessionFilter,
} from '../../src/renderer/src/features/sessions/sessionsStore.ts';
import { sessionsStrings } from '../../src/renderer/src/features/sessions/strings.ts';
import { initI18n } from '../../src/renderer/src/i18n/index.ts';
import { NEW_SESSION_WORKFLOW, type Session } from '../../src/shared/domain.ts';
import { formatDateTime } from '../../src/shared/relativeTime.ts';

afterEach(() => {
  vi.useRealTimers();
  initI18n('en');
});

const session = (over: Partial<Session> = {}): Session => ({
  id: '00000000-0000-4000-8000-000000000001',
  product: { id: '00000000-0000-4000-8000-0000000000a1', name: 'Espresso machine' },
  customer: { id: '00000000-0000-4000-8000-0000000000c1', name: 'Mona Customer' },
  seller: { id: '00000000-0000-4000-8000-0000000000d1', name: 'Sami Seller' },
  messagesCount: 42,
  unreadCount: 3,
  flaggedCount: 0,
  lastMessageAt: '2026-11-27T11:59:00Z',
  createdAt: '2026-03-04T05:06:07Z',
  updatedAt: '2026-03-05T05:06:07Z',
  ...NEW_SESSION_WORKFLOW,
  ...over,
});

type Renderer = {
  init(p: ICellRendererParams<Session>): void;
  getGui(): HTMLElement;
  refresh(p: ICellRendererParams<Session>): boolean;
  destroy?(): void;
};

/** Makes a renderer as the grid does and returns its element (in the document, as in a row). */
function cell(Kind: new () => Renderer, data: Session | undefined, context: unknown = {}) {
  const renderer = new Kind();
  renderer.init({ data, context } as ICellRendererParams<Session>);
  const el = renderer.getGui();
  document.body.append(el);
  return {
    renderer,
    el,
    update: (next: Session | undefined) => renderer.refresh({ data: next, context } as ICellRendererParams<Session>),
  };
}

describe('sessions table cells (F3)', () => {
  it('cuts a product name to 30 characters and keeps the full name on hover', () => {
    const long = 'Wireless noise cancelling headphones, black edition';
    const { el } = cell(ProductCell, session({ product: { id: session().product.id, name: long } }));
    expect(el.dataset.testid).toBe('product-cell');
    expect(el.textContent).toBe(`${long.slice(0, 30)}…`);
    expect(Array.from(el.textContent ?? '').length).toBe(31);
    expect(el.getAttribute('title')).toBe(long);
  });

  it('writes each name in its own direction, so a table cuts it at its own end (B5)', () => {
    const mixed = session({
      customer: { id: session().customer.id, name: 'James Anderson' },
      seller: { id: session().seller.id, name: 'متجر النخبة' },
    });
    const customer = cell(CustomerCell, mixed);
    const seller = cell(SellerCell, mixed);
    const product = cell(ProductCell, mixed);
    for (const [{ el }, testId] of [
      [customer, 'customer-cell'],
      [seller, 'seller-cell'],
      [product, 'product-cell'],
    ] as const) {
      expect(el.dataset.testid).toBe(testId);
      expect(el.getAttribute('dir')).toBe('auto');
      expect(el.classList.contains('chatdesk-name')).toBe(true);
    }
    expect(customer.el.textContent).toBe('James Anderson');
    expect(seller.el.textContent).toBe('متجر النخبة');
    customer.update(undefined);
    expect(customer.el.textContent).toBe('');
  });

  it('leaves a name of 30 characters or fewer whole, and never splits a character made of two code units', () => {
    expect(cutText('Espresso machine')).toBe('Espresso machine');
    expect(cutText('x'.repeat(30))).toBe('x'.repeat(30));
    const emoji = `${'😀'.repeat(31)}`;
    expect(cutText(emoji)).toBe(`${'😀'.repeat(30)}…`);
    expect(cutText('😀'.repeat(20))).toBe('😀'.repeat(20));
    const arabic = 'سماعات لاسلكية بخاصية إلغاء الضوضاء لون أسود';
    expect(Array.from(cutText(arabic)).length).toBe(31);
  });

  it('shows the messages count as a blue badge', () => {
    const { el } = cell(MessagesBadge, session());
    expect(el.dataset.testid).toBe('messages-badge');
    expect(el.textContent).toBe('42');
    expect(el.dataset.color).toBe('blue');
    expect(el.className).toBe('chatdesk-pill');
  });

  it('shows the unread count yellow (warning) above zero and green (success) at zero, and follows a change', () => {
    expect(unreadColor(3)).toBe('yellow');
    expect(unreadColor(0)).toBe('green');
    const { el, update } = cell(UnreadBadge, session());
    expect(el.dataset.testid).toBe('unread-badge');
    expect(el.textContent).toBe('3');
    expect(el.dataset.color).toBe('yellow');
    expect(update(session({ unreadCount: 0 }))).toBe(true);
    expect(el.textContent).toBe('0');
    expect(el.dataset.color).toBe('green');
  });

  it('shows nothing for a row not loaded yet, and its data once it is', () => {
    const kinds = [ProductCell, MessagesBadge, UnreadBadge, LastMessageCell, CreatedAtCell, UpdatedAtCell];
    const cells = kinds.map((Kind) => cell(Kind, undefined));
    for (const { el } of cells) expect(el.textContent === '' || el.hidden).toBe(true);
    for (const { el, update } of cells) {
      update(session());
      expect(el.hidden).toBe(false);
      expect(el.textContent).not.toBe('');
    }
    for (const { renderer } of cells) renderer.destroy?.();
  });

  it('shows the last message as a relative time in the interface language that keeps itself current', () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T12:00:00Z'), toFake: ['Date', 'setInterval', 'clearInterval'] });
    initI18n('en');
    const instant = '2026-11-27T11:59:00Z';
    const { el, renderer } = cell(LastMessageCell, session({ lastMessageAt: instant }));
    expect(el.tagName).toBe('TIME');
    expect(el.textContent).toBe('1 minute ago');
    expect(el.getAttribute('datetime')).toBe(instant);
    expect(el.getAttribute('title')).toBe(formatDateTime(instant, 'en'));
    vi.advanceTimersByTime(2 * 60 * 60_000);
    expect(el.textContent).toBe('2 hours ago');
    renderer.destroy?.();
  });

  it('speaks Arabic when the interface does', () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T12:00:00Z'), toFake: ['Date'] });
    initI18n('ar');
    const { el, renderer } = cell(LastMessageCell, session({ lastMessageAt: '2026-11-27T10:00:00Z' }));
    expect(el.textContent).toBe('قبل ساعتين');
    renderer.destroy?.();
  });

  it('shows created and updated dates in the locale', () => {
    initI18n('en');
    const format = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });
    expect(cell(CreatedAtCell, session()).el.textContent).toBe(format.format(new Date('2026-03-04T05:06:07Z')));
    expect(cell(UpdatedAtCell, session()).el.textContent).toBe(format.format(new Date('2026-03-05T05:06:07Z')));
  });

  it('gives the row actions button an accessible name and opens the menu for its row', () => {
    const opened: Array<[string, HTMLElement]> = [];
    const context = {
      menuLabel: (s: Session) => `Actions for ${s.product.name}`,
      openMenu: (s: Session, anchor: HTMLElement) => opened.push([s.id, anchor]),
    };
    const { el, update, renderer } = cell(ActionsCell, session(), context);
    expect(el.tagName).toBe('BUTTON');
    expect(el.getAttribute('aria-label')).toBe('Actions for Espresso machine');
    expect(el.getAttribute('aria-haspopup')).toBe('menu');
    el.click();
    const other = session({
      id: '00000000-0000-4000-8000-000000000002',
      product: { id: session().product.id, name: 'Kettle' },
    });
    update(other);
    expect(el.getAttribute('aria-label')).toBe('Actions for Kettle');
    el.click();
    expect(opened.map(([id]) => id)).toEqual([session().id, other.id]);
    expect(opened[0]?.[1]).toBe(el);
    renderer.destroy?.();
    el.click();
    expect(opened).toHaveLength(2);
  });
});

describe('search and filters as the core gets them (F5, F6, F8)', () => {
  it('leaves out what is not set and maps the toggles', () => {
    expect(toSessionFilter('  ', noFilters)).toEqual({});
    const filters = { ...noFilters, customerId: 'c', hasUnread: true, recent: true };
    expect(toSessionFilter(' lamp ', filters)).toEqual({
      search: 'lamp',
      customerId: 'c',
      hasUnread: true,
      activeWithinDays: 7,
    });
    expect(activeFilterCount(filters)).toBe(3);
    expect(fromSessionFilter({ sellerId: 's', activeWithinDays: 7 })).toEqual({
      ...noFilters,
      sellerId: 's',
      recent: true,
    });
  });

  it('names checked ids, or the filter with the confirmed count for "all matching", and nothing when nothing is checked', () => {
    const base = { search: 'x', filters: { ...noFilters, hasUnread: true } };
    const confirmed = { count: 12, asOf: '2026-01-02T03:04:05.000Z' };
    expect(bulkTarget({ ...base, selectedIds: [], allMatching: false }, confirmed)).toBeNull();
    expect(bulkTarget({ ...base, selectedIds: ['a', 'b'], allMatching: false }, confirmed)).toEqual({
      ids: ['a', 'b'],
    });
    expect(bulkTarget({ ...base, selectedIds: ['a'], allMatching: true }, confirmed)).toEqual({
      allMatching: { filter: { search: 'x', hasUnread: true }, confirmedCount: 12, asOf: '2026-01-02T03:04:05.000Z' },
    });
    // Nothing confirmed ("all 0 matching") names nothing; an export names the filter alone.
    expect(bulkTarget({ ...base, selectedIds: [], allMatching: true }, { ...confirmed, count: 0 })).toBeNull();
    expect(exportTarget({ ...base, selectedIds: [], allMatching: true })).toEqual({
      allMatching: { filter: { search: 'x', hasUnread: true } },
    });
  });
});

describe('sessions strings (B5)', () => {
  const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
    );

  it('has an Arabic text for every English one', () => {
    const ar = new Set(keys(sessionsStrings.ar));
    const missing = keys(sessionsStrings.en).filter((k) => !ar.has(k));
    expect(missing).toEqual([]);
  });

  it('counts in Arabic without falling back to English', () => {
    initI18n('ar');
    for (const count of [0, 1, 2, 5, 11, 100]) {
      const text = i18next.t('bulk.selected', { ns: 'sessions', count });
      expect(text).not.toMatch(/selected/);
      expect(i18next.t('confirmBulkDelete.title', { ns: 'sessions', count })).toMatch(/حذف/);
    }
  });
});
