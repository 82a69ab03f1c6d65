// "Pause notifications for 1 hour / until tomorrow" from the tray: the end is kept in the shell settings (so a pause
// outlives a restart, and one that ended while the app was closed is lifted at start) and a timer lifts it then.
// Switching the pause by hand, on or off, cancels the timed end.

export type PauseSpan = 'hour' | 'tomorrow';

/** Tomorrow's pause ends at this local hour (the start of a working day). */
export const TOMORROW_HOUR = 8;

export function pauseEnd(span: PauseSpan, now: Date): Date {
  if (span === 'hour') return new Date(now.getTime() + 3_600_000);
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, TOMORROW_HOUR, 0, 0, 0);
}

export interface PauseScheduleOptions {
  /** The saved end (ISO time), or null. */
  pausedUntil: () => string | null;
  rememberUntil: (until: string | null) => void;
  /** Pauses or resumes notifications (through the core, so the window's switch follows). */
  setPaused: (paused: boolean) => void;
}

export function createPauseSchedule(options: PauseScheduleOptions) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const resume = () => {
    clear();
    options.rememberUntil(null);
    options.setPaused(false);
  };
  const arm = (until: Date) => {
    clear();
    const wait = until.getTime() - Date.now();
    if (wait <= 0) resume();
    // setTimeout holds at most 2^31-1 ms (24.8 days): re-armed on the way for a longer wait.
    else timer = setTimeout(() => arm(until), Math.min(wait, 2_147_483_647));
  };
  return {
    /** At start: lift a pause whose end has passed, or wait for the end of one still running. */
    start(): void {
      const saved = options.pausedUntil();
      if (saved === null) return;
      const until = new Date(saved);
      if (Number.isNaN(until.getTime())) options.rememberUntil(null);
      else arm(until);
    },
    pauseFor(span: PauseSpan): void {
      const until = pauseEnd(span, new Date());
      options.rememberUntil(until.toISOString());
      options.setPaused(true);
      arm(until);
    },
    /** The pause was switched by hand: no timed end any more. */
    cancel(): void {
      clear();
      if (options.pausedUntil() !== null) options.rememberUntil(null);
    },
    dispose: clear,
  };
}
