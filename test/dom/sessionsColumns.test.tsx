// The sessions table's cell renderers (F3) and strings (B5), rendered in happy-dom. The grid itself, with the real
// core, is covered by test/e2e/sessions.test.ts.
import { MantineProvider } from '@mantine/core';
import { act, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cutText,
  DateCell,
  formatDateTime,
  LastMessageCell,
  MessagesBadge,
  ProductCell,
  UnreadBadge,
  unreadColor,
} from '../../src/renderer/src/features/sessions/cells.tsx';
import {
  activeFilterCount,
  bulkTarget,
  fromSessionFilter,
  noFilters,
  toSessionFilter,
} from '../../src/renderer/src/features/sessions/sessionsStore.ts';
import { sessionsStrings } from '../../src/renderer/src/features/sessions/strings.ts';
import { initI18n } from '../../src/renderer/src/i18n/index.ts';

const inMantine = (ui: React.ReactNode) => render(<MantineProvider>{ui}</MantineProvider>);

afterEach(() => {
  vi.useRealTimers();
  initI18n('en');
});

describe('sessions table cells (F3)', () => {
  it('cuts a product name to 30 characters and keeps the full name on hover', () => {
    const long = 'Wireless noise cancelling headphones, black edition';
    inMantine(<ProductCell name={long} />);
    const cell = screen.getByTestId('product-cell');
    expect(cell.textContent).toBe(`${long.slice(0, 30)}…`);
    expect(Array.from(cell.textContent ?? '').length).toBe(31);
    expect(cell.getAttribute('title')).toBe(long);
  });

  it('leaves a name of 30 characters or fewer whole, and never splits a character made of two code units', () => {
    expect(cutText('Espresso machine')).toBe('Espresso machine');
    expect(cutText('x'.repeat(30))).toBe('x'.repeat(30));
    const emoji = `${'😀'.repeat(31)}`;
    expect(cutText(emoji)).toBe(`${'😀'.repeat(30)}…`);
    const arabic = 'سماعات لاسلكية بخاصية إلغاء الضوضاء لون أسود';
    expect(Array.from(cutText(arabic)).length).toBe(31);
  });

  it('shows the messages count as a blue badge', () => {
    inMantine(<MessagesBadge count={42} />);
    const badge = screen.getByTestId('messages-badge');
    expect(badge.textContent).toBe('42');
    expect(badge.getAttribute('data-color')).toBe('blue');
    expect(badge.getAttribute('style')).toContain('--mantine-color-blue-filled');
  });

  it('shows the unread count yellow (warning) above zero and green (success) at zero', () => {
    expect(unreadColor(3)).toBe('yellow');
    expect(unreadColor(0)).toBe('green');
    const { unmount } = inMantine(<UnreadBadge count={3} />);
    expect(screen.getByTestId('unread-badge').getAttribute('data-color')).toBe('yellow');
    expect(screen.getByTestId('unread-badge').getAttribute('style')).toContain('--mantine-color-yellow-filled');
    unmount();
    inMantine(<UnreadBadge count={0} />);
    expect(screen.getByTestId('unread-badge').textContent).toBe('0');
    expect(screen.getByTestId('unread-badge').getAttribute('data-color')).toBe('green');
  });

  it('renders nothing for a row not loaded yet', () => {
    const { container } = render(
      <>
        <ProductCell name={undefined} />
        <MessagesBadge count={undefined} />
        <UnreadBadge count={undefined} />
        <LastMessageCell instant={undefined} />
        <DateCell instant={undefined} />
      </>,
    );
    expect(container.textContent).toBe('');
  });

  it('shows the last message as a relative time in the interface language that keeps itself current', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T12:00:00Z'), toFake: ['Date', 'setInterval', 'clearInterval'] });
    initI18n('en');
    const instant = '2026-11-27T11:59:00Z';
    inMantine(<LastMessageCell instant={instant} />);
    const time = screen.getByText('1 minute ago');
    expect(time.tagName).toBe('TIME');
    expect(time.getAttribute('dateTime')).toBe(instant);
    expect(time.getAttribute('title')).toBe(formatDateTime(instant, 'en'));
    await act(async () => {
      vi.advanceTimersByTime(2 * 60 * 60_000);
    });
    expect(screen.getByText('2 hours ago')).toBeTruthy();
  });

  it('speaks Arabic when the interface does', () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T12:00:00Z'), toFake: ['Date'] });
    initI18n('ar');
    inMantine(<LastMessageCell instant="2026-11-27T10:00:00Z" />);
    expect(screen.getByText('قبل ساعتين')).toBeTruthy();
  });

  it('shows created and updated dates in the locale', () => {
    initI18n('en');
    const instant = '2026-03-04T05:06:07Z';
    inMantine(<DateCell instant={instant} />);
    expect(
      screen.getByText(
        new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(instant)),
      ),
    ).toBeTruthy();
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

  it('names checked ids, or the query for "all matching", and nothing when nothing is checked', () => {
    const base = { search: 'x', filters: { ...noFilters, hasUnread: true } };
    expect(bulkTarget({ ...base, selectedIds: [], allMatching: false })).toBeNull();
    expect(bulkTarget({ ...base, selectedIds: ['a', 'b'], allMatching: false })).toEqual({ ids: ['a', 'b'] });
    expect(bulkTarget({ ...base, selectedIds: ['a'], allMatching: true })).toEqual({
      query: { search: 'x', hasUnread: true },
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

  it("uses SPEC.md's words exactly", () => {
    const en = sessionsStrings.en;
    expect(en.title).toBe('Chat Sessions');
    expect(en.empty).toBe('No chat sessions');
    expect(en.actions.view).toBe('View conversation');
    expect(en.actions.manage).toBe('Manage messages');
    expect(en.form.create).toBe('Create');
    expect(en.form.createAnother).toBe('Create & create another');
    expect(en.form.cancel).toBe('Cancel');
    expect(en.bulk.markRead).toBe('Mark all messages as read');
    expect(en.bulk.delete).toBe('Delete selected');
    expect(en.filters.hasUnread).toBe('Has unread messages');
    expect(en.filters.recent).toBe('Recent activity (last 7 days)');
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
