// A change the person made but does not wait on (a preference, the table's layout, the language, a saved view)
// that the core could not save: a red toast says so, with the reason, in the interface language, instead of the
// change being lost without a word. The window keeps showing the change; the next start shows what was saved.
import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { NS } from './strings.ts';

export function showSaveFailed(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  notifications.show({ color: 'red', message: i18next.t('saveFailed', { ns: NS, message }) });
}
