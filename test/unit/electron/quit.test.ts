// Quitting on time (src/main/electron/quit.ts): the core closes first, and a core that never finishes does not keep
// the app alive past the deadline. Real timers, a stand-in core.
import { describe, expect, it } from 'vitest';
import { closeThenQuit } from '../../../src/main/electron/quit.ts';

describe('closeThenQuit', () => {
  it('quits once the core has closed, without forcing an exit', async () => {
    const calls: string[] = [];
    await new Promise<void>((done) =>
      closeThenQuit({
        closeCore: async () => {
          calls.push('close');
        },
        quit: () => {
          calls.push('quit');
          done();
        },
        exit: (code) => calls.push(`exit ${code}`),
        deadlineMs: 50,
      }),
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toEqual(['close', 'quit']);
  });

  it('quits even when closing the core fails', async () => {
    const quit = await new Promise<string>((done) =>
      closeThenQuit({
        closeCore: () => Promise.reject(new Error('disk gone')),
        quit: () => done('quit'),
        exit: () => done('exit'),
        deadlineMs: 1000,
      }),
    );
    expect(quit).toBe('quit');
  });

  it('exits at the deadline when the core never finishes closing', async () => {
    const outcome = await new Promise<string>((done) =>
      closeThenQuit({
        closeCore: () => new Promise<void>(() => {}),
        quit: () => done('quit'),
        exit: (code) => done(`exit ${code}`),
        deadlineMs: 50,
      }),
    );
    expect(outcome).toBe('exit 1');
  });
});
