// The search columns and the LIKE pattern, written the same way by the backend (src/server/store) and the desk
// cache (src/main/core/cache): a search typed on the desk matches the same rows offline as the backend finds.
import { foldArabic } from './arabicFold.ts';

/**
 * A session's search column: its product's, customer's and seller's names, folded, joined by " | " (`fold`: the same
 * folding, memoised by a caller that folds the same names many times).
 */
export function sessionSearchText(
  product: string,
  customer: string,
  seller: string,
  fold: (text: string) => string = foldArabic,
): string {
  return [product, customer, seller].map(fold).join(' | ');
}

/** A user's search column: name and e-mail, folded. */
export function userSearchText(name: string, email: string): string {
  return foldArabic(`${name} ${email}`);
}

/**
 * `%text%` for LIKE, with the text's own wildcards and backslashes escaped by a backslash, so a search for "50%"
 * means those characters. SQLite needs `ESCAPE '\'` beside it; PostgreSQL escapes with a backslash by default.
 */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
