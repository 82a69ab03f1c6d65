// Keyboard shortcuts (B6): the one table of them and its help on `?`.
import './strings.ts';

export { ShortcutHelp } from './ShortcutHelp.tsx';
