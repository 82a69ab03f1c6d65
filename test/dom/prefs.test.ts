// The window's preferences (app/prefs.ts) on a fake bridge standing in for the desk core: asked of the core once,
// kept current by the changes made here and by the notifications-pause event, asked again for another account.
import { afterEach, describe, expect, it } from 'vitest';
import { forgetPrefs, loadPrefs, updatePrefs } from '../../src/renderer/src/app/prefs.ts';
import { setBridge } from '../../src/renderer/src/bridge/index.ts';
import { DEFAULT_PREFS, type Prefs } from '../../src/shared/bridge.ts';
import { createFakeBridge, refused } from './fakeBridge.tsx';

const base: Prefs = DEFAULT_PREFS;

function prefsBridge(start: Prefs = base) {
  const bridge = createFakeBridge();
  let stored = start;
  bridge.handle('prefs.get', () => stored);
  bridge.handle('prefs.update', (patch) => {
    if (patch.paneWidth !== undefined && patch.paneWidth !== null && patch.paneWidth < 320) {
      return refused('bad_request', 'paneWidth must be at least 320');
    }
    stored = { ...stored, ...patch } as Prefs;
    return stored;
  });
  setBridge(bridge);
  return bridge;
}

afterEach(() => forgetPrefs());

describe('window preferences on a fake bridge', () => {
  it('asks the core once, however many parts of the window want them', async () => {
    const bridge = prefsBridge({ ...base, paneWidth: 500 });
    const [a, b] = await Promise.all([loadPrefs(), loadPrefs()]);
    expect(a.paneWidth).toBe(500);
    expect(b).toEqual(a);
    expect((await loadPrefs()).paneWidth).toBe(500);
    expect(bridge.callsOf('prefs.get')).toHaveLength(1);
  });

  it('keeps the core’s answer to a change; a refused change leaves the known preferences as they were', async () => {
    const bridge = prefsBridge();
    await loadPrefs();
    expect((await updatePrefs({ paneWidth: 600 })).paneWidth).toBe(600);
    expect((await loadPrefs()).paneWidth).toBe(600);
    await expect(updatePrefs({ paneWidth: 100 })).rejects.toThrow(/at least 320/);
    expect((await loadPrefs()).paneWidth).toBe(600);
    expect(bridge.callsOf('prefs.get')).toHaveLength(1);
  });

  it('follows the notifications pause the core announces', async () => {
    const bridge = prefsBridge();
    expect((await loadPrefs()).notificationsPaused).toBe(false);
    bridge.emit('notifications.state', { paused: true });
    expect((await loadPrefs()).notificationsPaused).toBe(true);
  });

  it('asks again for another account, and through another bridge', async () => {
    const first = prefsBridge({ ...base, paneWidth: 400 });
    await loadPrefs();
    forgetPrefs();
    expect(await loadPrefs()).toMatchObject({ paneWidth: 400 });
    expect(first.callsOf('prefs.get')).toHaveLength(2);
    prefsBridge({ ...base, paneWidth: 700 });
    expect((await loadPrefs()).paneWidth).toBe(700);
  });
});
