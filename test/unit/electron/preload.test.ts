// The preload against a fake electron module: it exposes only `window.desk` (invoke/on over two channels), refuses
// unknown call and event names before anything crosses IPC, and hands listeners only their own event.
import { beforeAll, describe, expect, it, vi } from 'vitest';

const exposed = new Map<string, unknown>();
const invoked: unknown[][] = [];
const listeners = new Set<(...args: unknown[]) => void>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return { ok: true, value: 'from main' };
    },
    on: (_channel: string, fn: (...args: unknown[]) => void) => void listeners.add(fn),
    removeListener: (_channel: string, fn: (...args: unknown[]) => void) => void listeners.delete(fn),
  },
}));

import { IPC_INVOKE } from '../../../src/shared/bridge.ts';

interface Desk {
  invoke(name: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

beforeAll(async () => {
  await import('../../../src/preload/index.ts');
});

describe('preload (fake electron contextBridge and ipcRenderer)', () => {
  it('exposes only window.desk with invoke and on', () => {
    expect([...exposed.keys()]).toEqual(['desk']);
    expect(Object.keys(exposed.get('desk') as object).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards known calls over the one invoke channel and refuses unknown ones locally', async () => {
    const desk = exposed.get('desk') as Desk;
    expect(await desk.invoke('app.info', {})).toEqual({ ok: true, value: 'from main' });
    expect(invoked).toEqual([[IPC_INVOKE, 'app.info', {}]]);
    expect(await desk.invoke('fs.readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(invoked).toHaveLength(1);
  });

  it('delivers only the subscribed event and unsubscribes', () => {
    const desk = exposed.get('desk') as Desk;
    const got: unknown[] = [];
    const off = desk.on('navigate.session', (p) => got.push(p));
    for (const fn of listeners) {
      fn({}, 'sessions.changed', { all: true });
      fn({}, 'navigate.session', { sessionId: 's1' });
    }
    expect(got).toEqual([{ sessionId: 's1' }]);
    off();
    expect(listeners.size).toBe(0);
    expect(() => desk.on('ipc.raw', () => {})).toThrow('Unknown bridge event');
  });
});
