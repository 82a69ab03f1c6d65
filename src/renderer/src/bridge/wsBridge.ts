// The web edition's side of the bridge: the same DeskBridge as Electron's preload exposes, carried over a
// WebSocket to the web host. Calls made while the socket (re)connects wait for it; events resume after a reconnect.
import type {
  CallInput,
  CallName,
  CallOutput,
  DeskBridge,
  EventName,
  EventPayload,
  WsBridgeFrame,
} from '@shared/bridge.ts';
import type { Result } from '@shared/result.ts';

type Pending = { resolve: (result: Result<unknown>) => void };

export function createWsBridge(url: string, options: { reconnectMs?: number } = {}): DeskBridge & { close(): void } {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      for (const frame of queue.splice(0)) ws.send(frame);
    };
    ws.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as WsBridgeFrame;
      if (frame.kind === 'result') {
        pending.get(frame.id)?.resolve(frame.result as Result<unknown>);
        pending.delete(frame.id);
      } else if (frame.kind === 'event') {
        for (const listener of listeners.get(frame.name) ?? []) listener(frame.payload);
      }
    };
    ws.onclose = () => {
      socket = null;
      // Calls in flight cannot be answered by a new socket: fail them clearly rather than hang.
      for (const [id, p] of pending) {
        p.resolve({ ok: false, error: { code: 'offline', message: 'The connection to the desk core was lost' } });
        pending.delete(id);
      }
      if (!closed) setTimeout(connect, options.reconnectMs ?? 1000);
    };
  };
  connect();

  return {
    invoke<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>> {
      const id = nextId++;
      const frame = JSON.stringify({ kind: 'invoke', id, name, input });
      return new Promise((resolve) => {
        pending.set(id, { resolve: resolve as (r: Result<unknown>) => void });
        if (socket && socket.readyState === WebSocket.OPEN) socket.send(frame);
        else queue.push(frame);
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
    close() {
      closed = true;
      socket?.close();
    },
  };
}
