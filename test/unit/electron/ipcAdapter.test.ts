// The Electron IPC adapter with a stand-in ipcMain and webContents (Electron's binary cannot run here).
import { describe, expect, it } from 'vitest';
import { createDeskCore } from '../../../src/main/core/deskCore.ts';
import { isAppUrl } from '../../../src/main/electron/appOrigin.ts';
import { attachIpcBridge } from '../../../src/main/electron/ipcAdapter.ts';
import { IPC_EVENT, IPC_INVOKE } from '../../../src/shared/bridge.ts';

type Handler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>;

describe('IPC bridge adapter (fake electron ipcMain)', () => {
  it('routes calls from the app page to the core and refuses other frames', async () => {
    const handlers = new Map<string, Handler>();
    const sent: unknown[][] = [];
    const core = await createDeskCore({ edition: 'desktop', dataDir: '/nonexistent', version: '1.2.3' });
    const detach = attachIpcBridge({
      ipcMain: {
        handle: (channel: string, handler: unknown) => void handlers.set(channel, handler as Handler),
        removeHandler: (channel: string) => void handlers.delete(channel),
      } as never,
      core: core.endpoint,
      isTrustedSender: (event) => isAppUrl(event.senderFrame?.url ?? ''),
      targets: () => [{ send: (...args: unknown[]) => void sent.push(args), isDestroyed: () => false }],
    });
    const invoke = handlers.get(IPC_INVOKE);
    expect(invoke).toBeDefined();

    const fromApp = await invoke!({ senderFrame: { url: 'app://chatdesk/index.html' } }, 'app.info', {});
    expect(fromApp).toMatchObject({ ok: true, value: { version: '1.2.3', edition: 'desktop' } });

    const fromElsewhere = await invoke!({ senderFrame: { url: 'https://evil.example/' } }, 'app.info', {});
    expect(fromElsewhere).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const fromFile = await invoke!(
      { senderFrame: { url: 'file:///opt/chatdesk/out/renderer/index.html' } },
      'app.info',
      {},
    );
    expect(fromFile).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    core.events.emit('notifications.state', { paused: true });
    expect(sent).toEqual([[IPC_EVENT, 'notifications.state', { paused: true }]]);

    detach();
    expect(handlers.has(IPC_INVOKE)).toBe(false);
  });
});
