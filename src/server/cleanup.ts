// Housekeeping of rows that only grow: idempotency records and sign-in tokens. Run at start and then every
// `intervalMs` by startServer (off when 0), stopped on close.
import type { Queryable } from './db/db.ts';

export interface CleanupOptions {
  /** How often to clean up; 0 = never (the test backend's default). */
  intervalMs: number;
  /**
   * How long an Idempotency-Key's record (the first answer, replayed to a resend) is kept. The desk's outbox
   * (src/main/core/outbox.ts) resends a queued action with the same key, with backoff capped at 30 s and no cap on
   * attempts, but only while its sign-in is valid: a refused token (staff tokens last 12 h) stops it until the staff
   * member signs in again, and the queue survives closing the desk. So a resend can come as late as the first sign-in
   * after the desk was away: a weekend or a holiday, not months. 7 days covers that with room; a resend later still
   * is harmless for the actions that matter most, whose sessions and messages carry client-made ids.
   */
  idempotencyRetentionMs: number;
  /**
   * How long an expired or revoked token is kept after it stopped working, so "expired" and "revoked" can still be
   * told apart in an investigation (and a request racing its expiry still finds the row). A day.
   */
  tokenGraceMs: number;
}

export const defaultCleanup: CleanupOptions = {
  intervalMs: 3600_000,
  idempotencyRetentionMs: 7 * 24 * 3600_000,
  tokenGraceMs: 24 * 3600_000,
};

/** Sign-in throttle rows unlocked and untouched this long are dropped (longer than any count is remembered). */
export const LOGIN_THROTTLE_RETENTION_MS = 24 * 3600_000;

/**
 * Deletes idempotency records older than the retention, tokens expired or revoked before the grace period, and
 * sign-in throttle rows that are neither locked nor recent.
 */
export async function cleanupStale(
  db: Queryable,
  options: Pick<CleanupOptions, 'idempotencyRetentionMs' | 'tokenGraceMs'>,
): Promise<{ idempotencyKeys: number; tokens: number; loginThrottle: number }> {
  const keys = await db.query(
    'DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => $1::double precision)',
    [options.idempotencyRetentionMs / 1000],
  );
  const tokens = await db.query(
    `DELETE FROM auth_tokens
      WHERE expires_at < now() - make_interval(secs => $1::double precision)
         OR revoked_at < now() - make_interval(secs => $1::double precision)`,
    [options.tokenGraceMs / 1000],
  );
  const throttle = await db.query(
    `DELETE FROM login_throttle
      WHERE last_at < now() - make_interval(secs => $1::double precision)
        AND (locked_until IS NULL OR locked_until < now())`,
    [LOGIN_THROTTLE_RETENTION_MS / 1000],
  );
  return { idempotencyKeys: keys.rowCount, tokens: tokens.rowCount, loginThrottle: throttle.rowCount };
}

/** Starts the periodic cleanup (and one right away); `stop()` ends it and waits for a run in progress. */
export function startCleanup(
  db: Queryable,
  options: CleanupOptions,
  onError: (error: unknown) => void = () => {},
): { stop(): Promise<void>; runNow(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= cleanupStale(db, options)
      .then(() => {}, onError)
      .finally(() => {
        running = null;
      });
    return running;
  };
  if (options.intervalMs <= 0) return { stop: async () => {}, runNow: run };
  void run();
  const timer = setInterval(() => void run(), options.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
    runNow: run,
  };
}
