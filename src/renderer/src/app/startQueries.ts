// The start's questions to the core (who is signed in, the app, the preferences, the table's first page), asked by
// the page's first, small script while the rest of the interface downloads and is evaluated: the answers and the
// interface's start overlap instead of following each other.
import type { AccountState, AppInfo, Prefs } from '@shared/bridge.ts';
import { callBridge } from '../bridge/bridgeHooks.ts';
import { prefetchFirstPage } from '../features/sessions/firstPage.ts';
import { loadPrefs } from './prefs.ts';

export interface StartAnswers {
  info: AppInfo;
  account: AccountState;
  prefs: Prefs | null;
}

let started: Promise<StartAnswers> | null = null;
/** The early answers once they are in (so the first render can be the frame itself, not a loading screen). */
let settled: StartAnswers | null = null;

function ask(): Promise<StartAnswers> {
  const answers = Promise.all([
    callBridge('app.info', {}),
    callBridge('account.state', {}),
    loadPrefs().catch(() => null),
  ]).then(([info, account, prefs]) => ({ info, account, prefs }));
  // The table's first page goes out with them, not after them.
  prefetchFirstPage();
  return answers;
}

/** Sends the start's questions now (the page's first script). */
export function startQueries(): void {
  if (started) return;
  const early = ask();
  started = early;
  early.then(
    (answers) => {
      if (started === early) settled = answers;
    },
    () => {},
  );
}

/** Waits up to `ms` for the early answers (they are usually on their way while the interface's code loads). */
export async function awaitStart(ms: number): Promise<void> {
  if (!started) return;
  // Only waiting: whoever uses an early answer gets its failure from it.
  await Promise.race([started.catch(() => {}), new Promise((resolve) => setTimeout(resolve, ms))]);
}

/** The early answers if they are already in, taken once; null otherwise. */
export function takeSettledStart(): StartAnswers | null {
  const answers = settled;
  if (answers) {
    settled = null;
    started = null;
  }
  return answers;
}

/** The start's answers: those asked at the page's start the first time, fresh ones after that (a retry). */
export function startAnswers(): Promise<StartAnswers> {
  const early = started;
  started = null;
  settled = null;
  return early ?? ask();
}
