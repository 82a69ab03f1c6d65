// A child program (the Electron app, electron-vite's dev server) run against the launcher's embedded backend: the
// child gets the backend's address and the demo account, a signal to the launcher is passed on to the child, and the
// backend is closed once, when the child has ended, whichever of the two happens first. The launcher exits with the
// child's code (128 + the signal's number when a signal ended it, as a shell reports it).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { exitPromptlyOnSignals } from '../src/server/shutdown.ts';
import type { EmbeddedBackend } from './embeddedBackend.ts';

export function runWithBackend(command: string, args: string[], cwd: string, backend: EmbeddedBackend): void {
  const child = spawn(command, args, {
    cwd,
    stdio: 'inherit',
    env: {
      ...process.env,
      CHATDESK_BACKEND_URL: backend.url,
      CHATDESK_DEMO_EMAIL: backend.demoAccount?.email ?? '',
      CHATDESK_DEMO_PASSWORD: backend.demoAccount?.password ?? '',
    },
  });
  // Settled when the child has ended, however it ended (a child killed by a signal keeps exitCode null).
  const ended = new Promise<number>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1))),
  );
  let closing: Promise<void> | undefined;
  const closeBackend = () => {
    closing ??= backend.close();
    return closing;
  };
  // Ctrl+C reaches the child too (same process group); a supervisor's SIGTERM is passed on to it.
  exitPromptlyOnSignals({
    stop: async (signal) => {
      child.kill(signal);
      await ended;
      await closeBackend();
    },
  });
  void ended.then((code) => closeBackend().finally(() => process.exit(code)));
}
