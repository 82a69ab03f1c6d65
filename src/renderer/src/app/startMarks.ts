// User Timing marks of the window's start, each set once (DevTools' Performance panel and the renderer benchmark read
// them): where the time from opening the window to the table's first rows goes.
export type StartMark =
  | 'script' // the page's first script runs
  | 'code' // the interface's code is evaluated
  | 'answers' // the core answered the start's questions (account, preferences)
  | 'frame' // the frame is on screen
  | 'grid' // the table is built
  | 'first-page' // the core answered the first page
  | 'rows'; // the first page is handed to the table

export function markStart(name: StartMark): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  const mark = `chatdesk:${name}`;
  if (performance.getEntriesByName(mark).length === 0) performance.mark(mark);
}
