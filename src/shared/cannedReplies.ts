// Canned replies' placeholders (B10), one rule for the backend (which refuses a body with an unknown one) and the
// desk (which fills them when a reply is picked). Plain functions, no schema library: the window loads this too.

/** The placeholders a canned reply's body may hold, as `{{name}}` (spaces inside the braces allowed). */
export const CANNED_PLACEHOLDERS = ['customer', 'seller', 'product', 'agent'] as const;
export type CannedPlaceholder = (typeof CANNED_PLACEHOLDERS)[number];

/** What fills each placeholder: the session's customer, seller and product names, and the signed-in agent's. */
export type CannedValues = Partial<Record<CannedPlaceholder, string>>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const known: ReadonlySet<string> = new Set(CANNED_PLACEHOLDERS);

export function isCannedPlaceholder(name: string): name is CannedPlaceholder {
  return known.has(name);
}

/** Every `{{…}}` in the body that is not one of CANNED_PLACEHOLDERS, as written (`{{order}}`), once each. */
export function unknownPlaceholders(body: string): string[] {
  const found = new Set<string>();
  for (const match of body.matchAll(PLACEHOLDER)) {
    if (!isCannedPlaceholder(match[1] ?? '')) found.add(match[0]);
  }
  return [...found];
}

/** The reason a body is refused for, or null when every placeholder in it is known. */
export function placeholderProblem(body: string): string | null {
  const unknown = unknownPlaceholders(body);
  if (unknown.length === 0) return null;
  const allowed = CANNED_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ');
  return `uses ${unknown.join(', ')}: the placeholders are ${allowed}`;
}

/**
 * The body with each placeholder replaced by its value. A placeholder without a value (or with an empty one) is left
 * as written, so the person sees what is still to fill; unknown ones are left alone too.
 */
export function fillCannedReply(body: string, values: CannedValues): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => {
    if (!isCannedPlaceholder(name)) return whole;
    const value = values[name];
    return value ? value : whole;
  });
}
