// B9: the rules of B3's moderation flags that moderators and admins edit: blocked words and phrases (matched after
// Arabic folding, as B2's search folds), the domains whose links are not flagged, and which kinds of contact details
// are looked for. Every new message is flagged by the rules in force when it is written.
import { z } from 'zod';
import { foldArabic } from './arabicFold.ts';
import { Id, Instant, NamedRef } from './domain.ts';

export const MAX_BLOCKED_WORDS = 500;
export const MAX_BLOCKED_WORD_LENGTH = 100;
export const MIN_BLOCKED_WORD_LENGTH = 2;
export const MAX_ALLOWED_DOMAINS = 200;
/** The longest domain name DNS allows. */
export const MAX_DOMAIN_LENGTH = 253;

const BlockedWord = z
  .string()
  .trim()
  .min(MIN_BLOCKED_WORD_LENGTH, `a blocked word or phrase has at least ${MIN_BLOCKED_WORD_LENGTH} characters`)
  .max(MAX_BLOCKED_WORD_LENGTH, `a blocked word or phrase has at most ${MAX_BLOCKED_WORD_LENGTH} characters`);

// Labels of letters (any script: Arabic domains too), digits and inner hyphens, at least two of them, no scheme,
// port or path.
const DOMAIN = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)(?:\.(?!-)[\p{L}\p{N}-]{1,63}(?<!-))+$/u;
const AllowedDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(MAX_DOMAIN_LENGTH, `a domain has at most ${MAX_DOMAIN_LENGTH} characters`)
  .regex(DOMAIN, 'is not a domain name (write it like shop.example.com: no http://, port or path)');

/** Refuses an entry that repeats an earlier one (compared by `key`), naming both. */
const noRepeats =
  (key: (value: string) => string) =>
  (values: string[], ctx: z.RefinementCtx): void => {
    const seen = new Map<string, number>();
    values.forEach((value, i) => {
      const k = key(value);
      const first = seen.get(k);
      if (first === undefined) seen.set(k, i);
      else ctx.addIssue({ code: 'custom', path: [i], message: `repeats entry ${first} (${values[first]})` });
    });
  };

/**
 * PUT /admin/moderation/rules: the whole set of rules, replacing the one in force, with the revision it was made from.
 * The rules are one document: an edit made from an older revision would undo the edits made since, so it is refused.
 */
export const ModerationRulesBody = z.strictObject({
  /** The revision of the rules this edit was made from (`revision` of GET): refused with 409 when it is not current. */
  revision: Id.describe(
    'The revision of the rules this edit was made from (GET answers it); not the current one: 409 conflict',
  ),
  /** Matched anywhere in a message after Arabic folding and lower-casing (B2's folding). */
  blockedWords: z
    .array(BlockedWord)
    .max(MAX_BLOCKED_WORDS, `at most ${MAX_BLOCKED_WORDS} blocked words or phrases`)
    .superRefine(noRepeats(foldArabic)),
  /** A link to one of these domains or a subdomain of one is not flagged. */
  allowedDomains: z
    .array(AllowedDomain)
    .max(MAX_ALLOWED_DOMAINS, `at most ${MAX_ALLOWED_DOMAINS} allowed domains`)
    .superRefine(noRepeats((d) => d)),
  detectPhones: z.boolean(),
  detectEmails: z.boolean(),
  detectLinks: z.boolean(),
});
export type ModerationRulesBody = z.infer<typeof ModerationRulesBody>;

/** The rules in force, their revision (new at every edit), with the last edit (null: as installed). */
export const ModerationRules = z.object({
  revision: Id,
  blockedWords: z.array(z.string()),
  allowedDomains: z.array(z.string()),
  detectPhones: z.boolean(),
  detectEmails: z.boolean(),
  detectLinks: z.boolean(),
  updatedAt: Instant.nullable(),
  updatedBy: NamedRef.nullable(),
});
export type ModerationRules = z.infer<typeof ModerationRules>;

/**
 * What the feed says of an edit of the rules (B9): its revision, when and by whom; never the words and domains, which
 * only roles that read the rules (moderation.read) fetch with GET /admin/moderation/rules.
 */
export const ModerationRulesRevision = z.object({
  revision: Id,
  updatedAt: Instant.nullable(),
  updatedBy: NamedRef.nullable(),
});
export type ModerationRulesRevision = z.infer<typeof ModerationRulesRevision>;
