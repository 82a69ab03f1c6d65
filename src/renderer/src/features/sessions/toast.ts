// The screen's toasts (Mantine notifications), each with a close button named in the interface language.
import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { NS } from './strings.ts';

export function toast(color: 'green' | 'red' | 'blue', message: string): void {
  notifications.show({ color, message, closeButtonProps: { 'aria-label': i18next.t('close', { ns: NS }) } });
}
