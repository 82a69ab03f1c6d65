// Exposes the bridge to the renderer as `window.desk`: generic over the contract, two IPC channels, no per-call
// code, no raw ipcRenderer. Names are checked here; inputs are validated in the core.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import {
  type CallName,
  type DeskBridge,
  type EventName,
  IPC_EVENT,
  IPC_INVOKE,
  isCallName,
  isEventName,
} from '../shared/bridge.ts';

const desk: DeskBridge = {
  invoke(name: CallName, input: unknown) {
    if (!isCallName(name)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'bad_request', message: `Unknown bridge call: ${String(name)}` },
      });
    }
    return ipcRenderer.invoke(IPC_INVOKE, name, input);
  },
  on(event: EventName, listener: (payload: never) => void) {
    if (!isEventName(event)) throw new Error(`Unknown bridge event: ${String(event)}`);
    const handler = (_: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
} as DeskBridge;

contextBridge.exposeInMainWorld('desk', desk);
