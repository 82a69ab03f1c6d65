// A short notice at the bottom of the window whose close button is named (Mantine leaves it unnamed), in the
// interface language. A confirmation goes after 3 seconds; an error stays as long as Mantine keeps errors.
import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { NS } from '../app/strings.ts';

export function showToast(color: string, message: string): void {
  notifications.show({
    color,
    message,
    ...(color === 'red' ? {} : { autoClose: 3000 }),
    closeButtonProps: { 'aria-label': i18next.t('dialog.close', { ns: NS }) },
  });
}
