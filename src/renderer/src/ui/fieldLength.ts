// Text fields never cut what is typed or pasted (no maxLength): a text over its limit is named on its field and not
// sent, so nothing is lost without a word. The limit is the contract's, counted as the backend and the core count
// (the trimmed text's length). The words are in the app's string table.
import i18next from 'i18next';
import { NS } from '../app/strings.ts';

/** A count of characters as the interface language writes numbers ("4,612"). */
export function characterCount(n: number): string {
  return n.toLocaleString(i18next.language === 'ar' ? 'ar' : 'en');
}

/** The field's error when `value` is longer than `max`, in the interface language; null when it fits. */
export function tooLongError(value: string, max: number): string | null {
  const n = value.trim().length;
  if (n <= max) return null;
  return i18next.t('field.tooLong', { ns: NS, max: characterCount(max), n: characterCount(n) });
}
