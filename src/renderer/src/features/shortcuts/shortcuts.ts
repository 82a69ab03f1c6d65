// Every keyboard shortcut of the interface in one table (B6): the help on `?` lists it, grouped, in the interface
// language, and the code that binds a shortcut asks this table whether a key press is it, so the help cannot drift
// from what the keys do. Letters are matched by their place on the keyboard (`KeyR`), so they work with an Arabic
// layout too; punctuation by the character typed.

/** A key press: `code` (a physical key) or `key` (the character), with Shift or not (either when left out). */
export interface KeyChord {
  code?: string;
  key?: string;
  shift?: boolean;
  /** How the help shows it. */
  label: string;
}

export type ShortcutGroup = 'everywhere' | 'sessions' | 'conversation' | 'moderation' | 'dialogs';

export interface Shortcut {
  id: ShortcutId;
  group: ShortcutGroup;
  keys: KeyChord[];
  /** Who binds it: this app's code (through `isShortcut` / `shortcutOf`), AG Grid, Mantine's dialogs and menus, or
   * the text box itself. */
  boundBy: 'app' | 'grid' | 'dialogs' | 'textBox';
}

export type ShortcutId =
  | 'help'
  | 'search'
  | 'moveRows'
  | 'openPreview'
  | 'nextUnread'
  | 'markRead'
  | 'reply'
  | 'assignToMe'
  | 'resolve'
  | 'snooze'
  | 'deleteSession'
  | 'send'
  | 'newLine'
  | 'moderationDismiss'
  | 'moderationRemove'
  | 'moderationRestore'
  | 'close';

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'help', group: 'everywhere', keys: [{ key: '?', label: '?' }], boundBy: 'app' },
  { id: 'search', group: 'sessions', keys: [{ key: '/', label: '/' }], boundBy: 'app' },
  {
    id: 'moveRows',
    group: 'sessions',
    keys: [
      { key: 'ArrowUp', label: '↑' },
      { key: 'ArrowDown', label: '↓' },
    ],
    boundBy: 'grid',
  },
  {
    id: 'openPreview',
    group: 'sessions',
    keys: [
      { key: 'Enter', shift: false, label: 'Enter' },
      { code: 'KeyP', shift: false, label: 'P' },
    ],
    boundBy: 'app',
  },
  { id: 'nextUnread', group: 'sessions', keys: [{ code: 'KeyN', shift: false, label: 'N' }], boundBy: 'app' },
  { id: 'markRead', group: 'sessions', keys: [{ code: 'KeyM', shift: false, label: 'M' }], boundBy: 'app' },
  { id: 'reply', group: 'sessions', keys: [{ code: 'KeyR', shift: false, label: 'R' }], boundBy: 'app' },
  // B10: the agent workflow on the row in focus.
  { id: 'assignToMe', group: 'sessions', keys: [{ code: 'KeyA', shift: false, label: 'A' }], boundBy: 'app' },
  { id: 'resolve', group: 'sessions', keys: [{ code: 'KeyE', shift: false, label: 'E' }], boundBy: 'app' },
  { id: 'snooze', group: 'sessions', keys: [{ code: 'KeyZ', shift: false, label: 'Z' }], boundBy: 'app' },
  { id: 'deleteSession', group: 'sessions', keys: [{ key: 'Delete', label: 'Delete' }], boundBy: 'app' },
  { id: 'send', group: 'conversation', keys: [{ key: 'Enter', shift: false, label: 'Enter' }], boundBy: 'app' },
  {
    id: 'newLine',
    group: 'conversation',
    keys: [{ key: 'Enter', shift: true, label: 'Shift+Enter' }],
    boundBy: 'textBox',
  },
  // B9: decisions on the review queue's item in view.
  { id: 'moderationDismiss', group: 'moderation', keys: [{ code: 'KeyD', shift: false, label: 'D' }], boundBy: 'app' },
  { id: 'moderationRemove', group: 'moderation', keys: [{ code: 'KeyX', shift: false, label: 'X' }], boundBy: 'app' },
  { id: 'moderationRestore', group: 'moderation', keys: [{ code: 'KeyU', shift: false, label: 'U' }], boundBy: 'app' },
  { id: 'close', group: 'dialogs', keys: [{ key: 'Escape', label: 'Esc' }], boundBy: 'dialogs' },
];

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  'everywhere',
  'sessions',
  'conversation',
  'moderation',
  'dialogs',
];

type KeyEventLike = Pick<KeyboardEvent, 'key' | 'code' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

function chordMatches(chord: KeyChord, e: KeyEventLike): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if (chord.shift !== undefined && chord.shift !== e.shiftKey) return false;
  if (chord.code !== undefined) return e.code === chord.code;
  return e.key === chord.key;
}

/** Whether the key press is the shortcut `id` (as the table says). */
export function isShortcut(id: ShortcutId, e: KeyEventLike): boolean {
  const shortcut = SHORTCUTS.find((s) => s.id === id);
  return shortcut?.keys.some((chord) => chordMatches(chord, e)) ?? false;
}

/** The first of `ids` the key press is, or null. */
export function shortcutOf<Id extends ShortcutId>(e: KeyEventLike, ids: readonly Id[]): Id | null {
  return ids.find((id) => isShortcut(id, e)) ?? null;
}

/** A key press typed into a field, not meant as a shortcut. */
export function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
