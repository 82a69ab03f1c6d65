// An amount of money in the interface's locale (the conversation header, the Orders section).

/** `amount` in `currency` as the locale writes it; the bare figure and code when the currency is unknown to Intl. */
export function formatMoney(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}
