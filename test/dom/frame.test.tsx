// The app frame (src/renderer/src/App.tsx, app/Frame.tsx) on a fake bridge: the sidebar with the product's words and the
// unread badge from 'unread.total' then each 'sessions.changed' batch, the connection state from 'sync.state' and
// its events (online, syncing with progress, offline since, pending actions), navigation, the core's
// 'navigate.session' requests, Arabic right to left, sign-out. The sessions table itself is another feature's test.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import i18next from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App.tsx';
import { useNavigation } from '../../src/renderer/src/app/navigation.ts';
import {
  changed,
  type FakeBridge,
  type FrameBridgeOptions,
  frameBridge,
  ONLINE,
  renderWithBridge,
} from './fakeBridge.tsx';

/** The frame's start-up answered, 7 messages unread. */
const unread7 = (options: FrameBridgeOptions = {}): FakeBridge => frameBridge({ unreadTotal: 7, ...options });

async function renderFrame(bridge: FakeBridge) {
  renderWithBridge(bridge, <App />);
  await screen.findByTestId('frame');
}

const nav = () => screen.getByRole('navigation', { name: /Sections|الأقسام/ });
const badge = () => screen.getByTestId('nav-unread-badge');

beforeEach(() => {
  // The sessions table is another feature: start each test on a section that does not mount it.
  useNavigation.setState({ route: { name: 'users' }, selectedSessionId: null });
  void i18next.changeLanguage('en');
});

describe('app frame on a fake bridge', () => {
  it('shows "User Management → Chat Sessions" with the unread total, Users, Orders and Settings', async () => {
    await renderFrame(unread7());
    const sections = within(nav());
    expect(sections.getByRole('button', { name: 'User Management' })).toBeTruthy();
    const sessions = sections.getByRole('button', { name: /^Chat Sessions/ });
    expect(sessions.textContent).toContain('Chat Sessions');
    expect(sections.getByRole('button', { name: 'Users' }).getAttribute('aria-current')).toBe('page');
    expect(sections.getByRole('button', { name: 'Orders' })).toBeTruthy();
    expect(sections.getByRole('button', { name: 'Settings' })).toBeTruthy();
    await waitFor(() => expect(badge().textContent).toBe('7'));
    expect(badge().getAttribute('aria-label')).toBe('Unread messages: 7');
    expect(screen.getByTestId('signed-in-as').textContent).toBe('Signed in as Test manager (manager)');
  });

  it('follows the unread total of every sessions.changed batch, to zero', async () => {
    const bridge = unread7();
    await renderFrame(bridge);
    await waitFor(() => expect(badge().textContent).toBe('7'));
    act(() => bridge.emit('sessions.changed', changed({ unreadTotal: 12 })));
    expect(badge().textContent).toBe('12');
    act(() => bridge.emit('sessions.changed', changed({ unreadTotal: 0 })));
    expect(badge().textContent).toBe('0');
    expect(badge().getAttribute('data-count')).toBe('0');
  });

  it('shows the connection state: online, syncing with progress, offline since, pending actions', async () => {
    const bridge = unread7();
    await renderFrame(bridge);
    const state = await screen.findByRole('status', { name: 'Connection state' });
    expect(state.getAttribute('data-status')).toBe('online');
    expect(state.textContent).toBe('Online');
    act(() => bridge.emit('sync.state', { ...ONLINE, status: 'syncing', progress: 0.425 }));
    expect(state.textContent).toContain('Syncing 42%');
    expect(screen.getByTestId('sync-progress')).toBeTruthy();
    const since = new Date(Date.now() - 5 * 60_000).toISOString();
    act(() => bridge.emit('sync.state', { ...ONLINE, status: 'offline', offlineSince: since, pendingActions: 3 }));
    expect(state.getAttribute('data-status')).toBe('offline');
    expect(screen.getByTestId('connection-text').textContent).toBe('Offline since 5 minutes ago');
    expect(screen.getByTestId('pending-actions').textContent).toBe('Pending actions: 3');
    act(() => bridge.emit('sync.state', { ...ONLINE, status: 'offline', offlineSince: new Date().toISOString() }));
    expect(screen.getByTestId('connection-text').textContent).toBe('Offline for a moment');
    expect(screen.queryByTestId('pending-actions')).toBeNull();
    act(() => bridge.emit('sync.state', ONLINE));
    expect(screen.getByTestId('connection-text').textContent).toBe('Online');
  });

  it('goes to Orders and Settings from the sidebar', async () => {
    await renderFrame(unread7());
    fireEvent.click(within(nav()).getByRole('button', { name: 'Orders' }));
    expect(await screen.findByTestId('orders-page')).toBeTruthy();
    expect(useNavigation.getState().route).toEqual({ name: 'orders' });
    fireEvent.click(within(nav()).getByRole('button', { name: 'Settings' }));
    expect(await screen.findByTestId('settings-page')).toBeTruthy();
    expect(within(nav()).getByRole('button', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
  });

  it('routes a navigate.session request (a notification click, the tray) to that session', async () => {
    const bridge = unread7();
    await renderFrame(bridge);
    const id = '99999999-9999-4999-8999-999999999999';
    act(() => bridge.emit('navigate.session', { sessionId: id }));
    expect(useNavigation.getState().route).toEqual({ name: 'sessions' });
    expect(useNavigation.getState().selectedSessionId).toBe(id);
  });

  it('asks for the chatdesk:// link that launched the app once it listens, and opens that session', async () => {
    const bridge = unread7();
    const id = '88888888-8888-4888-8888-888888888888';
    let asked = 0;
    bridge.handle('app.pendingLink', () => ({ sessionId: asked++ === 0 ? id : null }));
    await renderFrame(bridge);
    await waitFor(() => expect(useNavigation.getState().selectedSessionId).toBe(id));
    expect(useNavigation.getState().route).toEqual({ name: 'sessions' });
    expect(asked).toBe(1);
  });

  it('starts in Arabic, right to left, on an Arabic system and switches to English, saving the choice', async () => {
    const bridge = unread7({ systemLocale: 'ar-SA' });
    await renderFrame(bridge);
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(dayjs.locale()).toBe('ar');
    expect(within(nav()).getByRole('button', { name: 'إدارة المستخدمين' })).toBeTruthy();
    expect(within(nav()).getByRole('button', { name: /^جلسات المحادثة/ })).toBeTruthy();
    await waitFor(() => expect(badge().getAttribute('aria-label')).toBe('رسائل غير مقروءة: 7'));
    fireEvent.click(within(screen.getByTestId('language-switch')).getByLabelText('English'));
    await waitFor(() => expect(document.documentElement.dir).toBe('ltr'));
    expect(dayjs.locale()).toBe('en');
    expect(within(nav()).getByRole('button', { name: 'User Management' })).toBeTruthy();
    await waitFor(() => expect(bridge.callsOf('prefs.update')).toEqual([{ locale: 'en' }]));
  });

  it('says in a toast when the backend refused a queued action', async () => {
    const bridge = unread7();
    await renderFrame(bridge);
    act(() =>
      bridge.emit('action.failed', {
        actionId: 'a1',
        kind: 'messages.delete',
        summary: 'Delete a message',
        error: { code: 'forbidden', message: 'Your role may not delete messages' },
      }),
    );
    expect(await screen.findByText('An action was refused: Delete a message')).toBeTruthy();
    expect(screen.getByText('Your role may not delete messages')).toBeTruthy();
  });

  it('prefers the saved language over the system one', async () => {
    await renderFrame(unread7({ systemLocale: 'ar-EG', saved: 'en' }));
    expect(document.documentElement.dir).toBe('ltr');
    expect(within(nav()).getByRole('button', { name: 'Users' })).toBeTruthy();
  });

  it('signs out to the sign-in screen, which proposes the last backend', async () => {
    const bridge = unread7();
    useNavigation.setState({ route: { name: 'users' }, selectedSessionId: '99999999-9999-4999-8999-999999999999' });
    await renderFrame(bridge);
    await waitFor(() => expect(document.title).toBe('(7) Chat Desk'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByTestId('sign-in')).toBeTruthy();
    // Nothing of the previous account stays: the title badge and the selected conversation are cleared.
    expect(document.title).toBe('Chat Desk');
    expect(useNavigation.getState().selectedSessionId).toBeNull();
    expect(bridge.callsOf('account.signOut')).toHaveLength(1);
    expect((screen.getByLabelText('Backend URL', { exact: false, selector: 'input' }) as HTMLInputElement).value).toBe(
      'http://127.0.0.1:4000',
    );
  });

  it('opens on the sign-in screen when the desk is signed out', async () => {
    renderWithBridge(unread7({ signedIn: false }), <App />);
    expect(await screen.findByTestId('sign-in')).toBeTruthy();
    expect(screen.queryByTestId('frame')).toBeNull();
  });
});
