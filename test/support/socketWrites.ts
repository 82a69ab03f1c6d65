// Counts the writes node:net sockets hand to the OS while something runs: one entry per write, with how many chunks
// it carried (a corked batch is one write of several). For tests of what goes out in one system call.
import net from 'node:net';

type WriteMethod = '_write' | '_writev';

/** The writes of the sockets `mine` picks while `run` runs (the sockets' write methods are restored after). */
export async function socketWrites(mine: (socket: net.Socket) => boolean, run: () => Promise<void>): Promise<number[]> {
  const writes: number[] = [];
  const proto = net.Socket.prototype as unknown as Record<WriteMethod, (...args: unknown[]) => unknown>;
  const original = { _write: proto._write, _writev: proto._writev };
  for (const method of ['_write', '_writev'] as const) {
    proto[method] = function (this: net.Socket, ...args: unknown[]) {
      if (mine(this)) writes.push(method === '_writev' ? (args[0] as unknown[]).length : 1);
      return original[method]?.apply(this, args);
    };
  }
  try {
    await run();
  } finally {
    Object.assign(proto, original);
  }
  return writes;
}
