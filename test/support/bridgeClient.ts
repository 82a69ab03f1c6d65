// The web edition's bridge spoken from Node, as the page speaks it: a WebSocket to the host's /bridge with the secret
// from the printed address, invoke frames in, result frames back.
import WebSocket from 'ws';
import type { CallInput, CallName } from '../../src/shared/bridge.ts';
import type { Result } from '../../src/shared/result.ts';

export interface BridgeClient {
  invoke<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<unknown>>;
  close(): void;
}

/** `address` is the URL the program printed (`http://127.0.0.1:<port>/#secret=<secret>`). */
export async function connectBridge(address: string): Promise<BridgeClient> {
  const url = new URL(address);
  const secret = new URLSearchParams(url.hash.slice(1)).get('secret') ?? '';
  const ws = new WebSocket(`ws://${url.host}/bridge?secret=${encodeURIComponent(secret)}`, {
    headers: { origin: url.origin },
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { kind: string; id?: number; result?: Result<unknown> };
    if (frame.kind === 'result' && frame.id !== undefined) {
      pending.get(frame.id)?.(frame.result as Result<unknown>);
      pending.delete(frame.id);
    }
  });
  return {
    invoke(name, input) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ kind: 'invoke', id, name, input }));
      });
    },
    close: () => ws.close(),
  };
}
