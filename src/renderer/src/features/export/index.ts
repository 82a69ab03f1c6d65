// Export (F8, D6): the bulk bar's Export menu and the notification that follows each export.
import './strings.ts';

export type { ExportMenuProps } from './ExportMenu.tsx';
export { ExportMenu } from './ExportMenu.tsx';
