// Names for Mantine Pagination's arrow buttons (they are icons only), in the interface language: pass the result as
// `getControlProps` so every control has an accessible name.
import { useTranslation } from 'react-i18next';
import { NS } from './strings.ts';

type Control = 'first' | 'previous' | 'next' | 'last';

export function usePaginationLabels(): (control: Control) => { 'aria-label': string } {
  const { t } = useTranslation(NS);
  return (control) => ({ 'aria-label': t(`pagination.${control}`) });
}
