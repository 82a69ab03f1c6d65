// Quitting on time: the core is closed (caches flushed, sync and exports stopped) before the app quits for real, but
// a core that cannot finish (an export mid-write, a backend that does not answer) must not keep the app alive: past
// the deadline the app exits anyway. That is safe for the cache (SQLite in WAL mode keeps every committed write).

export const QUIT_DEADLINE_MS = 4000;

export interface QuitSteps {
  closeCore: () => Promise<void>;
  /** Quits for real once the core is closed (the second will-quit passes through). */
  quit: () => void;
  /** Ends the process at once (Electron's app.exit). */
  exit: (code: number) => void;
  deadlineMs?: number;
}

export function closeThenQuit(steps: QuitSteps): void {
  // Exit code 1: a supervisor can tell a forced stop from a clean one.
  const forced = setTimeout(() => steps.exit(1), steps.deadlineMs ?? QUIT_DEADLINE_MS);
  void steps
    .closeCore()
    .catch((error: unknown) => console.error('Chat Desk: closing the core failed', error))
    .finally(() => {
      clearTimeout(forced);
      steps.quit();
    });
}

/** SIGTERM (a supervisor, a log-out) and SIGINT (Ctrl+C in the terminal that started it) quit like the menu's Quit. */
export function quitOnSignals(quit: () => void): void {
  process.on('SIGTERM', quit);
  process.on('SIGINT', quit);
}
