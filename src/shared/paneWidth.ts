// The conversation pane's width limits in CSS pixels (the table beside it keeps room for its columns). Plain values,
// so the interface reads them without loading the bridge's schemas.
export const PANE_MIN_WIDTH = 320;
export const PANE_MAX_WIDTH = 900;
export const PANE_DEFAULT_WIDTH = 420;
