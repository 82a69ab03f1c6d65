// The shell's entry point wired to a real desk core and a real backend (PGlite), against a fake electron module:
// the token kept through safeStorage (encrypted file, 0600) and deleted at sign-out; the core's 'sessions.changed'
// and unread total driving the tray, the launcher badge and the toasts (shown, then withdrawn once read).
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskCore, DeskCoreOptions } from '../../../src/main/core/deskCore.ts';
import { EventHub } from '../../../src/main/core/eventHub.ts';
import { NotifyPolicy } from '../../../src/main/core/notify/policy.ts';
import { attachAttention } from '../../../src/main/electron/attention.ts';
import { NotificationService } from '../../../src/main/electron/notifications.ts';
import { type EventPayload, IPC_INVOKE } from '../../../src/shared/bridge.ts';
import type { Session } from '../../../src/shared/domain.ts';
import { err, ok } from '../../../src/shared/result.ts';
import { backendSessions, backendUnread, participantPost } from '../../integration/core/compare.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';

// The real createDeskCore, with the options the shell hands it kept for the checks below.
const seen = vi.hoisted(() => ({ options: null as unknown, core: null as unknown }));
vi.mock('../../../src/main/core/deskCore.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/main/core/deskCore.ts')>();
  return {
    ...real,
    createDeskCore: async (options: DeskCoreOptions) => {
      seen.options = options;
      const core = await real.createDeskCore({ ...options, sync: { backoffBaseMs: 50, backoffMaxMs: 500 } });
      seen.core = core;
      return core;
    },
  };
});
vi.mock('electron', async () => await import('./fakeElectron.ts'));
vi.mock('electron-log/main', () => import('./fakeElectronLog.ts'));
vi.mock('electron-updater', () => import('./fakeElectronUpdater.ts'));
vi.mock('electron-context-menu', () => import('./fakeContextMenu.ts'));

import { app, BrowserWindow, ipcMain, Notification, Tray } from './fakeElectron.ts';

const env = { ...process.env };
let backend: TestBackend;

type Maybe<T> = T | null | undefined | false | '' | 0;
async function until<T>(check: () => Maybe<T> | Promise<Maybe<T>>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A bridge call as the window makes it: through IPC, from the app's own frame. */
async function invoke<T>(name: string, input: unknown = {}): Promise<T> {
  const handler = ipcMain.handlers.get(IPC_INVOKE) as (...args: unknown[]) => Promise<unknown>;
  const win = BrowserWindow.created[0] as InstanceType<typeof BrowserWindow>;
  const result = (await handler(
    { senderFrame: { url: win.webContents.url, parent: null }, sender: { id: win.webContents.id } },
    name,
    input,
  )) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

const secretsDir = () => join(app.getPath('userData'), 'secrets');

beforeAll(async () => {
  backend = await startTestBackend();
  process.env.CHATDESK_DESK_DIR = mkdtempSync(join(tmpdir(), 'desk-shell-core-'));
  // A desktop whose launcher shows counts, so the badge is observable on Linux too.
  process.env.XDG_CURRENT_DESKTOP = 'KDE';
  await import('../../../src/main/electron/main.ts');
  await until(() => BrowserWindow.created[0]?.webContents.url, 'the window');
  await until(() => Tray.last, 'the tray');
});

afterAll(async () => {
  await (seen.core as DeskCore | null)?.close();
  await backend?.close();
  for (const key of ['CHATDESK_DESK_DIR', 'XDG_CURRENT_DESKTOP']) {
    if (env[key] === undefined) delete process.env[key];
    else process.env[key] = env[key];
  }
});

describe('shell ↔ core wiring (fake electron, real core and backend)', () => {
  it('hands the core the safeStorage secret store: the token is kept encrypted (0600) and sign-out deletes it', async () => {
    const options = seen.options as DeskCoreOptions;
    expect(options.secrets).toBeDefined();
    const state = await invoke<{ signedIn: boolean }>('account.signIn', {
      backendUrl: backend.url,
      email: 'admin@demo.chatdesk',
      password: 'demo-password',
    });
    expect(state.signedIn).toBe(true);
    const files = readdirSync(secretsDir());
    expect(files).toHaveLength(1);
    const file = join(secretsDir(), files[0] as string);
    expect(files[0]).toMatch(/^token-[0-9a-f]{24}\.bin$/);
    const runtime = (seen.core as DeskCore).accounts.require();
    // Encrypted by safeStorage (the fake's 'enc:' envelope), never the token in the clear.
    const stored = readFileSync(file, 'utf8');
    expect(stored.startsWith('enc:')).toBe(true);
    expect(stored).not.toContain(runtime.client.token ?? 'no token');
    expect(await options.secrets?.get(files[0]?.replace(/\.bin$/, '') ?? '')).toBe(runtime.client.token);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    await invoke('account.signOut');
    expect(existsSync(file)).toBe(false);
  });

  it('drives the tray, the launcher badge and the toasts from the core’s sessions.changed and unread total', async () => {
    await invoke('account.signIn', {
      backendUrl: backend.url,
      email: 'admin@demo.chatdesk',
      password: 'demo-password',
    });
    await until(async () => (await invoke<{ status: string }>('sync.state')).status === 'online', 'the first sync');
    const total = await backendUnread(backend);
    await until(() => Tray.last?.tooltip.includes(`${total} unread messages`), 'the tray to show the total');
    expect(app.badgeCount).toBe(total);

    const [session] = await backendSessions(backend, 'hasUnread=true');
    if (!session) throw new Error('the demo has unread sessions');
    const before = Notification.created.length;
    const sent = await participantPost(backend, session, 'Does it come in blue?');
    const toast = await until(
      () => Notification.created.slice(before).find((n) => n.options.body.includes('Does it come in blue?')),
      'a toast for the customer’s message',
    );
    expect(toast.shown).toBe(true);
    expect(toast.options.title).toContain(sent.senderName);
    await until(() => app.badgeCount === total + 1, 'the badge to count the new message');
    expect(Tray.last?.tooltip).toContain(`${total + 1} unread messages`);

    // Read here: the core names the session as read, the toast is withdrawn, the badge follows.
    await invoke('sessions.markRead', { target: { ids: [session.id] } });
    await until(() => toast.closed, 'the toast to be withdrawn');
    await until(() => app.badgeCount === total + 1 - (session.unreadCount + 1), 'the badge after reading');
  });
});

describe('withdrawing toasts after a batch that changed everything (resync, bulk action)', () => {
  const incoming = (sessionId: string) => ({
    id: crypto.randomUUID(),
    sessionId,
    kind: 'message' as const,
    senderRole: 'customer' as const,
    senderId: 'c',
    senderName: 'Lina',
    body: 'hello',
    flags: [],
    readAt: null,
    createdAt: new Date().toISOString(),
    productName: 'Lamp',
  });
  const changed = (p: Partial<EventPayload<'sessions.changed'>>): EventPayload<'sessions.changed'> => ({
    sessionIds: [],
    all: false,
    deletedIds: [],
    unreadTotal: 3,
    notify: [],
    ...p,
  });

  it('asks about every session with a live toast and withdraws those read or gone', async () => {
    const hub = new EventHub();
    const policy = new NotifyPolicy();
    const toasts: InstanceType<typeof Notification>[] = [];
    const notifications = new NotificationService({
      create: (o) => {
        const n = new Notification(o as { title: string; body: string });
        toasts.push(n);
        return n as never;
      },
      isSupported: () => true,
      navigate: () => {},
      reveal: () => {},
      forget: (key) => policy.forget(key),
    });
    const sessions: Record<string, Pick<Session, 'id' | 'unreadCount'>> = {
      read: { id: 'read', unreadCount: 0 },
      unread: { id: 'unread', unreadCount: 2 },
    };
    const asked: string[] = [];
    attachAttention({
      core: {
        dispatch: async (name, input) => {
          if (name !== 'sessions.get') return err({ code: 'not_implemented', message: name });
          const id = (input as { id: string }).id;
          asked.push(id);
          const s = sessions[id];
          return s ? ok(s) : err({ code: 'not_found', message: 'No chat session', fields: { id: 'no such session' } });
        },
        subscribe: (listener) => hub.subscribe(listener),
      },
      policy,
      notifications,
      isDoNotDisturb: () => false,
      emit: () => {},
      persistPaused: () => {},
      showBadge: () => {},
    });
    hub.emit(
      'sessions.changed',
      changed({ notify: [incoming('read'), incoming('unread'), incoming('deleted')], unreadTotal: 5 }),
    );
    expect(toasts).toHaveLength(3);
    // A bulk change: no session named, and no readSessionIds (the core could not name them one by one).
    hub.emit('sessions.changed', changed({ all: true, unreadTotal: 2 }));
    await until(() => toasts.filter((t) => t.closed).length === 2, 'two toasts withdrawn');
    expect(asked.sort()).toEqual(['deleted', 'read', 'unread']);
    expect(toasts.map((t) => t.closed)).toEqual([true, false, true]);
    expect(policy.liveSessions()).toEqual(['unread']);
  });
});
