// "Search messages" (B2) in the app frame, on a fake bridge (the real core and backend are exercised by
// test/integration/core/messageSearch.test.ts and test/e2e/messageSearch.test.ts). The fake answers
// 'messages.search' by folding like the core (foldArabic) over a fixed list, newest first, with the cursor.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App.tsx';
import { useNavigation } from '../../src/renderer/src/app/navigation.ts';
import { highlightSegments } from '../../src/renderer/src/features/messageSearch/highlight.ts';
import { useMessageSearch } from '../../src/renderer/src/features/messageSearch/messageSearchStore.ts';
import { type MessageSearchHit, messageSearchCursor } from '../../src/shared/api.ts';
import { foldArabic } from '../../src/shared/arabicFold.ts';
import type { CallInput } from '../../src/shared/bridge.ts';
import {
  conversationBridge,
  type FakeBridge,
  frameBridge,
  message,
  OTHER_SESSION_ID,
  refused,
  renderWithBridge,
  SESSION_ID,
  session,
} from './fakeBridge.tsx';

const other = session({
  id: OTHER_SESSION_ID,
  product: { id: '88888888-8888-4888-8888-888888888888', name: 'عطر عود ملكي 100 مل' },
  customer: { id: '99999999-9999-4999-8999-999999999999', name: 'فاطمة الحربي' },
});
const hit = (m: ReturnType<typeof message>, s = session()): MessageSearchHit => ({
  ...m,
  sessionId: s.id,
  product: s.product,
  customer: s.customer,
  seller: s.seller,
});

function searchBridge(hits: MessageSearchHit[], source: 'backend' | 'cache' = 'backend') {
  const bridge = frameBridge({ role: 'agent' }, conversationBridge('agent').bridge);
  const sorted = [...hits].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  bridge.handle('messages.search', (input: CallInput<'messages.search'>) => {
    const folded = foldArabic(input.q);
    if (!folded) return refused('bad_request', 'q holds no letters');
    const limit = input.limit ?? 50;
    const before = input.before;
    const matching = sorted.filter(
      (h) => foldArabic(h.body).includes(folded) && (!before || messageSearchCursor(h) < before),
    );
    const items = matching.slice(0, limit);
    const last = items.at(-1);
    return { items, nextBefore: matching.length > limit && last ? messageSearchCursor(last) : null, source };
  });
  return bridge;
}

async function renderSearch(bridge: FakeBridge) {
  renderWithBridge(bridge, <App />);
  return (await screen.findByTestId('message-search-input')) as HTMLInputElement;
}

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

beforeEach(() => {
  useNavigation.setState({ route: { name: 'messageSearch' }, selectedSessionId: null });
  useMessageSearch.getState().reset();
  void i18next.changeLanguage('en');
});

describe('message search page on a fake bridge', () => {
  it('sits under "User Management" right after "Chat Sessions" in the sidebar and opens from there', async () => {
    useNavigation.setState({ route: { name: 'users' }, selectedSessionId: null });
    renderWithBridge(searchBridge([]), <App />);
    await screen.findByTestId('frame');
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    // Chat Sessions' own quick views (B10: Mine, Unassigned, All open) sit under it.
    const buttons = within(nav)
      .getAllByRole('button')
      .filter((b) => !b.closest('[data-testid="quick-views"]'))
      .map((b) => b.textContent?.trim());
    const at = buttons.findIndex((b) => b?.startsWith('Chat Sessions'));
    expect(buttons[at + 1]).toBe('Search messages');
    fireEvent.click(within(nav).getByRole('button', { name: 'Search messages' }));
    expect(useNavigation.getState().route).toEqual({ name: 'messageSearch' });
    const input = await screen.findByTestId('message-search-input');
    expect(screen.getByRole('heading', { name: 'Search messages' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(input));
    expect(within(nav).getByRole('button', { name: 'Search messages' }).getAttribute('aria-current')).toBe('page');
  });

  it('finds Arabic text written another way, marks the match, shows product, people, sender and time', async () => {
    const wanted = hit(message({ body: 'هل المنتج أَصْلِيّ؟ أريد الفاتورة', createdAt: ago(2 * 3600_000) }));
    const staff = hit(message({ senderRole: 'staff', body: 'نعم أصلي ١٠٠٪', createdAt: ago(60_000) }), other);
    const bridge = searchBridge([wanted, staff, hit(message({ body: 'Is it original?' }))]);
    const input = await renderSearch(bridge);
    const user = userEvent.setup();
    await user.type(input, 'اصلى{Enter}');
    const results = await screen.findAllByTestId('message-hit');
    expect(results).toHaveLength(2);
    expect((bridge.callsOf('messages.search').at(-1) as { q: string }).q).toBe('اصلى');
    // newest first: the support reply, then the customer's question
    expect(results[0]?.getAttribute('data-message-id')).toBe(staff.id);
    const first = within(results[1] as HTMLElement);
    expect(first.getByTestId('hit-product').textContent).toBe('Espresso machine');
    expect(first.getByTestId('hit-parties').textContent).toBe('Customer: Salma Customer · Seller: Omar Seller');
    expect(first.getByTestId('hit-sender-role').textContent).toBe('Customer');
    expect(first.getByText('2 hours ago')).toBeTruthy();
    const marks = (results[1] as HTMLElement).querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toEqual(['أَصْلِيّ']);
    expect(within(results[0] as HTMLElement).getByTestId('hit-sender-role').textContent).toBe('Support');
    expect(within(results[0] as HTMLElement).getByTestId('hit-product').textContent).toBe('عطر عود ملكي 100 مل');
    expect(screen.getByTestId('message-search-count').textContent).toBe('Messages shown: 2');
    expect(screen.queryByTestId('message-search-cache-notice')).toBeNull();
  });

  it('moves through the results with the keyboard and opens the session with Enter', async () => {
    const hits = [0, 1, 2].map((i) => hit(message({ body: `delivery note ${i}`, createdAt: ago(i * 1000) })));
    hits[1] = hit(message({ body: 'delivery to Riyadh', createdAt: ago(1000) }), other);
    const input = await renderSearch(searchBridge(hits));
    const user = userEvent.setup();
    await user.type(input, 'delivery{Enter}');
    const results = await screen.findAllByTestId('message-hit');
    expect(results).toHaveLength(3);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(results[0]);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(results[1]);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(results[2]);
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(results[1]);
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(input);
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    // Opened at the message found (the messages page scrolls to it and marks it).
    expect(useNavigation.getState().route).toEqual({
      name: 'session',
      sessionId: OTHER_SESSION_ID,
      messageId: hits[1]?.id,
    });
  });

  it('opens the session with a click, and shows the same search when coming back', async () => {
    const found = hit(message({ body: 'warranty card' }));
    const input = await renderSearch(searchBridge([found]));
    const user = userEvent.setup();
    await user.type(input, 'warranty{Enter}');
    await user.click(await screen.findByTestId('message-hit'));
    expect(useNavigation.getState().route).toEqual({ name: 'session', sessionId: SESSION_ID, messageId: found.id });
    act(() => useNavigation.getState().navigate({ name: 'messageSearch' }));
    expect(((await screen.findByTestId('message-search-input')) as HTMLInputElement).value).toBe('warranty');
    expect(screen.getAllByTestId('message-hit')).toHaveLength(1);
  });

  it('loads more with the cursor of the last hit, without repeats', async () => {
    const hits = Array.from({ length: 35 }, (_, i) =>
      hit(message({ body: `شحن رقم ${i}`, createdAt: ago(i * 60_000) })),
    );
    const bridge = searchBridge(hits);
    const input = await renderSearch(bridge);
    const user = userEvent.setup();
    await user.type(input, 'شحن{Enter}');
    await waitFor(() => expect(screen.getAllByTestId('message-hit')).toHaveLength(30));
    await user.click(screen.getByTestId('message-search-more'));
    await waitFor(() => expect(screen.getAllByTestId('message-hit')).toHaveLength(35));
    const ids = screen.getAllByTestId('message-hit').map((h) => h.getAttribute('data-message-id'));
    expect(new Set(ids).size).toBe(35);
    const second = bridge.callsOf('messages.search').at(-1) as { before?: string };
    expect(second.before).toBe(messageSearchCursor(hits[29] as MessageSearchHit));
    expect(screen.queryByTestId('message-search-more')).toBeNull();
  });

  it('says when the results come from the local cache (offline), and when nothing matched', async () => {
    const input = await renderSearch(searchBridge([hit(message({ body: 'الهدية مجانية' }))], 'cache'));
    const user = userEvent.setup();
    await user.type(input, 'الهديه{Enter}');
    await screen.findByTestId('message-hit');
    const notice = screen.getByTestId('message-search-cache-notice');
    expect(notice.textContent).toContain('Local search, partial');
    expect(notice.textContent).toContain('only from the messages saved on this computer');
    await user.clear(input);
    await user.type(input, 'nothing here{Enter}');
    expect((await screen.findByTestId('message-search-empty')).textContent).toBe(
      'No message saved on this computer contains “nothing here”',
    );
  });

  it('shows the empty state, refuses a one-letter search without asking the core, and shows a failure', async () => {
    const bridge = searchBridge([]);
    const input = await renderSearch(bridge);
    const user = userEvent.setup();
    await user.type(input, 'zzz{Enter}');
    expect((await screen.findByTestId('message-search-empty')).textContent).toBe('No messages contain “zzz”');
    const asked = bridge.callsOf('messages.search').length;
    await user.clear(input);
    await user.type(input, 'a{Enter}');
    expect(await screen.findByText('Type at least 2 characters')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(bridge.callsOf('messages.search').length).toBe(asked);
    bridge.handle('messages.search', () => refused('internal', 'disk on fire'));
    await user.clear(input);
    await user.type(input, 'boom{Enter}');
    expect((await screen.findByTestId('message-search-error')).textContent).toBe('The search failed: disk on fire');
  });

  it('searches as the user types (debounced), once per settled text', async () => {
    const bridge = searchBridge([hit(message({ body: 'tracking number sent' }))]);
    const input = await renderSearch(bridge);
    const user = userEvent.setup();
    await user.type(input, 'track');
    expect(await screen.findByTestId('message-hit', {}, { timeout: 2000 })).toBeTruthy();
    expect(bridge.callsOf('messages.search')).toHaveLength(1);
  });

  it('speaks Arabic, right to left', async () => {
    const input = await renderSearch(searchBridge([hit(message({ body: 'التوصيل غداً' }), other)]));
    await act(() => i18next.changeLanguage('ar'));
    expect(screen.getByRole('heading', { name: 'البحث في الرسائل' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'البحث في الرسائل' })).toBeTruthy();
    const user = userEvent.setup();
    await user.type(input, 'التوصيل{Enter}');
    const result = await screen.findByTestId('message-hit');
    expect(within(result).getByTestId('hit-parties').textContent).toBe('العميل: فاطمة الحربي · البائع: Omar Seller');
    expect(screen.getByTestId('message-search-count').textContent).toBe('الرسائل المعروضة: 1');
  });
});

describe('highlightSegments', () => {
  it('marks every folded occurrence in the original characters, diacritics and tatweel included', () => {
    expect(highlightSegments('هل المنتج أَصْلِيّ؟ نعم أصلي', 'اصلى')).toEqual([
      { text: 'هل المنتج ', match: false },
      { text: 'أَصْلِيّ', match: true },
      { text: '؟ نعم ', match: false },
      { text: 'أصلي', match: true },
    ]);
    expect(highlightSegments('مـــرحـــبـــا بكم', 'مرحبا')).toEqual([
      { text: 'مـــرحـــبـــا', match: true },
      { text: ' بكم', match: false },
    ]);
    expect(highlightSegments('Tracking  CODE xyz', 'code XYZ')).toEqual([
      { text: 'Tracking  ', match: false },
      { text: 'CODE xyz', match: true },
    ]);
    expect(highlightSegments('50% off, not 500', '50%')).toEqual([
      { text: '50%', match: true },
      { text: ' off, not 500', match: false },
    ]);
    expect(highlightSegments('nothing', 'zz')).toEqual([{ text: 'nothing', match: false }]);
  });
});
