// Exposes the bridge to the renderer as `window.desk`: generic over the contract, two IPC channels, no per-call
// code, no raw ipcRenderer. Names are checked here (against bridgeNames.ts, so the sandboxed bundle carries no zod);
// inputs are validated in the core. One IPC listener serves every subscription (Electron's ipcRenderer is an
// EventEmitter that warns past 10 listeners on a channel).
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { CallName, DeskBridge, EventName } from '../shared/bridge.ts';
import { IPC_EVENT, IPC_INVOKE, isKnownCall, isKnownEvent } from '../shared/bridgeNames.ts';

const subscribers = new Map<string, Set<(payload: never) => void>>();

function dispatch(_: IpcRendererEvent, name: string, payload: unknown): void {
  for (const listener of [...(subscribers.get(name) ?? [])]) listener(payload as never);
}

const desk: DeskBridge = {
  invoke(name: CallName, input: unknown) {
    if (!isKnownCall(name)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'bad_request', message: `Unknown bridge call: ${String(name)}` },
      });
    }
    return ipcRenderer.invoke(IPC_INVOKE, name, input);
  },
  on(event: EventName, listener: (payload: never) => void) {
    if (!isKnownEvent(event)) throw new Error(`Unknown bridge event: ${String(event)}`);
    if (subscribers.size === 0) ipcRenderer.on(IPC_EVENT, dispatch);
    let set = subscribers.get(event);
    if (!set) {
      set = new Set();
      subscribers.set(event, set);
    }
    // Each subscription its own entry, so the same function subscribed twice is unsubscribed once per call.
    const entry = (payload: never) => listener(payload);
    set.add(entry);
    return () => {
      const current = subscribers.get(event);
      if (!current?.delete(entry)) return;
      if (current.size === 0) subscribers.delete(event);
      if (subscribers.size === 0) ipcRenderer.removeListener(IPC_EVENT, dispatch);
    };
  },
} as DeskBridge;

contextBridge.exposeInMainWorld('desk', desk);
