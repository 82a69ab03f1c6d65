// Prompt shutdown for the Node programs (`npm run server`, the web edition, `npm start`): the first SIGTERM or SIGINT
// starts a graceful stop, and whatever that stop waits on (a browser's open connection, a sync in flight, an export,
// an unreachable backend) the process is gone by the deadline. A second signal exits at once. What the graceful part
// did not finish is safe to drop: the desk cache is SQLite in WAL mode and PostgreSQL commits are atomic.

export interface ShutdownOptions {
  /** Graceful work: close listeners, cores, databases. */
  stop: (signal: NodeJS.Signals) => Promise<void>;
  /** Forced exit this long after the first signal (default 4 s, inside the 5 s people and supervisors allow). */
  deadlineMs?: number;
  log?: (line: string) => void;
  exit?: (code: number) => void;
}

export const SHUTDOWN_DEADLINE_MS = 4000;

export function exitPromptlyOnSignals(options: ShutdownOptions): () => void {
  const deadlineMs = options.deadlineMs ?? SHUTDOWN_DEADLINE_MS;
  const log = options.log ?? ((line: string) => console.log(line));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      exit(130);
      return;
    }
    stopping = true;
    log(`${signal}: stopping`);
    const forced = setTimeout(() => {
      log(`still stopping after ${deadlineMs} ms: exiting now`);
      exit(1);
    }, deadlineMs);
    options.stop(signal).then(
      () => {
        clearTimeout(forced);
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(forced);
        console.error('stopping failed:', error);
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}
