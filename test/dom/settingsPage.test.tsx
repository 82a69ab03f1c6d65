import { act, fireEvent, renderHook, screen, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setBridge } from '../../src/renderer/src/bridge/index.ts';
import { useWebNotifications } from '../../src/renderer/src/features/notifications/index.ts';
import { SettingsPage } from '../../src/renderer/src/features/settings/index.ts';
import { useSettingsStore } from '../../src/renderer/src/features/settings/settingsStore.ts';
import { DEFAULT_PREFS } from '../../src/shared/bridge.ts';
import type { StaffRole } from '../../src/shared/domain.ts';
import { account, createFakeBridge, refused, renderWithBridge } from './fakeBridge.tsx';

function settingsBridge(role: StaffRole) {
  const bridge = createFakeBridge();
  let settings = { chatMobileEnabled: true };
  bridge.handle('account.state', () => account(role));
  bridge.handle('settings.get', () => settings);
  bridge.handle('settings.update', (input) => {
    settings = { chatMobileEnabled: input.chatMobileEnabled };
    return settings;
  });
  bridge.handle('prefs.get', () => ({ ...DEFAULT_PREFS }));
  bridge.handle('notifications.setPaused', (input) => ({ paused: input.paused }));
  bridge.handle('cannedReplies.list', () => ({ items: [] }));
  bridge.handle('prefs.update', () => ({
    locale: 'en',
    columnState: null,
    savedViews: [],
    notificationsPaused: false,
    paneWidth: null,
    colorScheme: 'system',
    notifySound: true,
    notifyWhich: 'all',
    quietHours: null,
    notifyScope: 'all',
  }));
  return bridge;
}

beforeEach(() => useSettingsStore.setState({ settings: null, loadError: null, saving: false }));

describe('settings page (F12) on a fake bridge', () => {
  it('lets a manager switch chat in the mobile app off and explains the effect', async () => {
    const bridge = settingsBridge('manager');
    renderWithBridge(bridge, <SettingsPage />);
    const toggle = (await screen.findByRole('switch', { name: 'Enable chat in the mobile app' })) as HTMLInputElement;
    await waitFor(() => expect(toggle.disabled).toBe(false));
    expect(toggle.checked).toBe(true);
    expect(screen.getByTestId('chat-effect').textContent).toContain('customers and sellers can open conversations');
    fireEvent.click(toggle);
    await waitFor(() => expect(bridge.callsOf('settings.update')).toEqual([{ chatMobileEnabled: false }]));
    await waitFor(() => expect(toggle.checked).toBe(false));
    expect(screen.getByTestId('chat-effect').textContent).toContain('the mobile app refuses every chat request');
    expect(screen.getByText('Saved.')).toBeTruthy();
  });

  it('follows a change made by another staff member when the core says the settings changed', async () => {
    const bridge = settingsBridge('manager');
    renderWithBridge(bridge, <SettingsPage />);
    const toggle = (await screen.findByRole('switch', { name: 'Enable chat in the mobile app' })) as HTMLInputElement;
    await waitFor(() => expect(toggle.checked).toBe(true));
    // Elsewhere, chat is switched off; the core applies the feed event and says so in its change notice.
    bridge.handle('settings.get', () => ({ chatMobileEnabled: false }));
    const loads = bridge.callsOf('settings.get').length;
    act(() =>
      bridge.emit('sessions.changed', {
        sessionIds: [],
        all: false,
        deletedIds: [],
        unreadTotal: 0,
        notify: [],
        settingsChanged: true,
      }),
    );
    await waitFor(() => expect(toggle.checked).toBe(false));
    expect(bridge.callsOf('settings.get').length).toBe(loads + 1);
    // A notice about sessions alone does not reload the settings.
    act(() =>
      bridge.emit('sessions.changed', { sessionIds: [], all: true, deletedIds: [], unreadTotal: 0, notify: [] }),
    );
    expect(bridge.callsOf('settings.get').length).toBe(loads + 1);
  });

  it('shows the switch read-only, with why, to an agent', async () => {
    const bridge = settingsBridge('agent');
    renderWithBridge(bridge, <SettingsPage />);
    expect((await screen.findByTestId('chat-readonly')).textContent).toBe(
      'Only a manager or an admin may change this (your role: agent).',
    );
    const toggle = screen.getByRole('switch', { name: 'Enable chat in the mobile app' }) as HTMLInputElement;
    expect(toggle.disabled).toBe(true);
  });

  it('shows a refused change and keeps the stored value', async () => {
    const bridge = settingsBridge('admin');
    bridge.handle('settings.update', () => refused('forbidden', 'Your role may not change settings'));
    renderWithBridge(bridge, <SettingsPage />);
    const toggle = (await screen.findByRole('switch', { name: 'Enable chat in the mobile app' })) as HTMLInputElement;
    await waitFor(() => expect(toggle.disabled).toBe(false));
    fireEvent.click(toggle);
    expect((await screen.findByRole('alert')).textContent).toContain('Not changed: Your role may not change settings');
    expect(toggle.checked).toBe(true);
  });

  it('pauses notifications through the core and follows the pause set elsewhere (tray)', async () => {
    const bridge = settingsBridge('agent');
    renderWithBridge(bridge, <SettingsPage />);
    const pause = (await screen.findByRole('switch', { name: /Pause notifications/ })) as HTMLInputElement;
    await waitFor(() => expect(pause.disabled).toBe(false));
    fireEvent.click(pause);
    await waitFor(() => expect(bridge.callsOf('notifications.setPaused')).toEqual([{ paused: true }]));
    await waitFor(() => expect(pause.checked).toBe(true));
    act(() => bridge.emit('notifications.state', { paused: false }));
    await waitFor(() => expect(pause.checked).toBe(false));
  });
});

describe('notification scope (B10) on a fake bridge', () => {
  it('keeps "only sessions assigned to me or unassigned" through the core, and puts it back when refused', async () => {
    const bridge = settingsBridge('agent');
    let stored = { ...DEFAULT_PREFS };
    bridge.handle('prefs.get', () => stored);
    bridge.handle('prefs.update', (patch) => {
      stored = { ...stored, ...patch } as typeof stored;
      return stored;
    });
    renderWithBridge(bridge, <SettingsPage />);
    const scope = (await screen.findByRole('switch', {
      name: /^Only sessions assigned to me or unassigned/,
    })) as HTMLInputElement;
    expect(scope.checked).toBe(false);
    fireEvent.click(scope);
    await waitFor(() => expect(bridge.callsOf('prefs.update')).toEqual([{ notifyScope: 'mineOrUnassigned' }]));
    expect(scope.checked).toBe(true);
    fireEvent.click(scope);
    await waitFor(() => expect(bridge.callsOf('prefs.update').at(-1)).toEqual({ notifyScope: 'all' }));
    await waitFor(() => expect(scope.checked).toBe(false));
    // The core refuses: the switch shows what is kept.
    bridge.handle('prefs.update', () => refused('bad_request', 'Not saved'));
    fireEvent.click(scope);
    await waitFor(() => expect(bridge.callsOf('prefs.update').length).toBe(3));
    await waitFor(() => expect(scope.checked).toBe(false));
  });

  it('reads the choice kept for the account, in Arabic too', async () => {
    const bridge = settingsBridge('agent');
    bridge.handle('prefs.get', () => ({ ...DEFAULT_PREFS, locale: 'ar', notifyScope: 'mineOrUnassigned' }));
    renderWithBridge(bridge, <SettingsPage />);
    await act(() => i18next.changeLanguage('ar'));
    try {
      const scope = (await screen.findByRole('switch', {
        name: /^الجلسات المسندة إليّ أو غير المسندة فقط/,
      })) as HTMLInputElement;
      await waitFor(() => expect(scope.checked).toBe(true));
    } finally {
      await act(() => i18next.changeLanguage('en'));
    }
  });
});

describe('web notification hook in Electron (fake bridge on window.desk)', () => {
  afterEach(() => {
    window.desk = undefined;
  });
  it('does nothing: the shell notifies natively', async () => {
    const bridge = createFakeBridge();
    window.desk = bridge;
    setBridge(bridge);
    document.title = 'Chat Desk';
    renderHook(() => useWebNotifications());
    await new Promise((r) => setTimeout(r, 0));
    bridge.emit('sessions.changed', { sessionIds: [], all: false, deletedIds: [], unreadTotal: 9, notify: [] });
    expect(bridge.calls).toEqual([]);
    expect(document.title).toBe('Chat Desk');
  });
});

describe('settings page in the desktop app: start options', () => {
  afterEach(() => {
    delete (window as { desk?: unknown }).desk;
  });

  it('switches open at login and start hidden through the shell, and says when the login item is unavailable', async () => {
    const bridge = settingsBridge('agent');
    let startup = { available: true, openAtLogin: false, startHidden: false };
    bridge.handle('app.startup', () => startup);
    bridge.handle('app.setStartup', (input) => {
      startup = { available: true, ...input };
      return startup;
    });
    (window as { desk?: unknown }).desk = bridge;
    renderWithBridge(bridge, <SettingsPage />);
    const atLogin = (await screen.findByRole('switch', { name: 'Open at login' })) as HTMLInputElement;
    await waitFor(() => expect(atLogin.disabled).toBe(false));
    fireEvent.click(atLogin);
    await waitFor(() => expect(atLogin.checked).toBe(true));
    fireEvent.click(screen.getByRole('switch', { name: /^Start hidden in the tray/ }));
    await waitFor(() =>
      expect(bridge.callsOf('app.setStartup')).toEqual([
        { openAtLogin: true, startHidden: false },
        { openAtLogin: true, startHidden: true },
      ]),
    );
  });

  it('leaves open at login off in a development run, saying why', async () => {
    const bridge = settingsBridge('agent');
    bridge.handle('app.startup', () => ({ available: false, openAtLogin: false, startHidden: false }));
    (window as { desk?: unknown }).desk = bridge;
    renderWithBridge(bridge, <SettingsPage />);
    await screen.findByText('Open at login is available in the installed app.');
    expect((screen.getByRole('switch', { name: /^Open at login/ }) as HTMLInputElement).disabled).toBe(true);
  });

  it('is not shown in the web edition', async () => {
    renderWithBridge(settingsBridge('agent'), <SettingsPage />);
    await screen.findByRole('switch', { name: /Pause notifications/ });
    expect(screen.queryByTestId('startup-settings')).toBeNull();
  });
});
