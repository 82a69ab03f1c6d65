// The preload against a fake electron module: it exposes only `window.desk` (invoke/on over two channels), refuses
// unknown call and event names before anything crosses IPC, and hands listeners only their own event.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const exposed = new Map<string, unknown>();
const invoked: unknown[][] = [];
const listeners = new Set<(...args: unknown[]) => void>();
// ipcRenderer is an EventEmitter: past 10 listeners on one channel Node warns of a leak.
const renderer = new EventEmitter();
const warnings: string[] = [];
process.on('warning', (w) => warnings.push(w.name));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return { ok: true, value: 'from main' };
    },
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      listeners.add(fn);
      renderer.on(channel, fn);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) => {
      listeners.delete(fn);
      renderer.removeListener(channel, fn);
    },
  },
}));

import { bridgeCalls, bridgeEvents, IPC_EVENT, IPC_INVOKE } from '../../../src/shared/bridge.ts';
import * as names from '../../../src/shared/bridgeNames.ts';

/** The modules a file loads at run time (type-only imports left out), followed through relative imports. */
function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)) {
    const spec = m[1] as string;
    if (!spec.startsWith('.')) {
      seen.add(spec);
      continue;
    }
    const target = resolve(dirname(file), spec);
    if (seen.has(target)) continue;
    seen.add(target);
    runtimeImports(target, seen);
  }
  return seen;
}

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

  it('adds one IPC listener however many subscriptions the page makes (no "more than 10 listeners" warning)', async () => {
    const desk = exposed.get('desk') as Desk;
    const got: unknown[] = [];
    const offs = Array.from({ length: 12 }, (_, i) =>
      desk.on(i % 2 ? 'sessions.changed' : 'navigate.session', (p) => got.push([i, p])),
    );
    expect(renderer.listenerCount(IPC_EVENT)).toBe(1);
    renderer.emit(IPC_EVENT, {}, 'navigate.session', { sessionId: 's7' });
    expect(got).toHaveLength(6);
    for (const off of offs) off();
    expect(renderer.listenerCount(IPC_EVENT)).toBe(0);
    await new Promise((r) => setImmediate(r));
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('checks names without bundling zod: its imports reach no schema module', () => {
    const imports = runtimeImports(join(import.meta.dirname, '../../../src/preload/index.ts'));
    expect([...imports].filter((m) => m === 'zod' || m.endsWith('/bridge.ts'))).toEqual([]);
    expect([...names.CALL_NAMES]).toEqual(Object.keys(bridgeCalls));
    expect([...names.EVENT_NAMES]).toEqual(Object.keys(bridgeEvents));
    expect([names.IPC_INVOKE, names.IPC_EVENT]).toEqual([IPC_INVOKE, IPC_EVENT]);
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
