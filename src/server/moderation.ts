// Moderation flags (B3): what the usual attempts to take a sale off the platform look like. Computed once when a
// message is written and stored with it, so the "Flagged" filter and column cost nothing at read time. What is looked
// for is the rules moderators edit (B9, store/moderationRules.ts), compiled here once per revision.
import { domainToASCII } from 'node:url';
import { LinkifyIt } from 'linkify-it';
import tlds from 'tlds' with { type: 'json' };
import { foldArabic } from '../shared/arabicFold.ts';
import type { MessageFlag } from '../shared/domain.ts';

/**
 * The blocked words the rules start with (migration 012 stores the same list): words and phrases that point outside
 * the marketplace.
 */
export const DEFAULT_BLOCKED_WORDS: readonly string[] = [
  'واتساب',
  'واتس اب',
  'واتس',
  'whatsapp',
  'whats app',
  'تلغرام',
  'تليجرام',
  'telegram',
  'سناب',
  'snapchat',
  'تحويل بنكي',
  'حوالة بنكية',
  'bank transfer',
  'wire transfer',
  'iban',
  'ايبان',
  'خارج التطبيق',
  'outside the app',
  'pay me directly',
  'ادفع لي مباشرة',
];

export interface RuleSettings {
  blockedWords: readonly string[];
  allowedDomains: readonly string[];
  detectPhones: boolean;
  detectEmails: boolean;
  detectLinks: boolean;
}

/** Rules made ready to match: words folded, domains in their ASCII (punycode) form. */
export interface CompiledRules {
  words: readonly string[];
  domains: readonly string[];
  detectPhones: boolean;
  detectEmails: boolean;
  detectLinks: boolean;
}

/** A host in its ASCII, lower-case form (an Arabic domain as punycode), or '' when it is not a valid host. */
const asciiHost = (host: string) => domainToASCII(host.toLowerCase().replace(/\.$/, ''));

export function compileRules(rules: RuleSettings): CompiledRules {
  return {
    words: [...new Set(rules.blockedWords.map(foldArabic).filter((w) => w.length > 0))],
    domains: rules.allowedDomains.map(asciiHost).filter((d) => d.length > 0),
    detectPhones: rules.detectPhones,
    detectEmails: rules.detectEmails,
    detectLinks: rules.detectLinks,
  };
}

export const DEFAULT_RULES: CompiledRules = compileRules({
  blockedWords: DEFAULT_BLOCKED_WORDS,
  allowedDomains: [],
  detectPhones: true,
  detectEmails: true,
  detectLinks: true,
});

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
const toAsciiDigits = (text: string) => text.replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10));

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// 8+ digits, possibly separated by spaces, dots, dashes or brackets, optionally with a leading +
const PHONE = /(?:\+|00)?\d(?:[\s\-.()]*\d){7,}/;

// Links: linkify-it (markdown-it's detector: schemes, `www.`, and bare domains in any script) with IANA's list of
// top-level domains from `tlds`, so `shop.example.store` and `متجر.السعودية` are links and `file.txt` or `v1.2`
// are not. E-mail addresses are the email flag's business, and bare IP addresses are left out (prices, versions).
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false, tlds });

/** The host of a detected link, lower-case ASCII ('' when it cannot be read: such a link is never allowed). */
function linkHost(url: string): string {
  try {
    return asciiHost(new URL(url.startsWith('//') ? `http:${url}` : url).hostname);
  } catch {
    return '';
  }
}

function hasFlaggedLink(text: string, allowed: readonly string[]): boolean {
  // "site:shop.example.store": a colon glued to a bare domain reads as a scheme to the detector; a space after a
  // colon that does not start `//` keeps `https://` intact.
  const spaced = text.replace(/:(?!\/\/)/g, ': ');
  if (!linkify.test(spaced)) return false;
  const links = linkify.match(spaced) ?? [];
  return links.some((link) => {
    if (link.schema === 'mailto:') return false;
    const host = linkHost(link.url);
    return !host || !allowed.some((domain) => host === domain || host.endsWith(`.${domain}`));
  });
}

export function moderationFlags(body: string, rules: CompiledRules = DEFAULT_RULES): MessageFlag[] {
  const flags: MessageFlag[] = [];
  const ascii = toAsciiDigits(body.normalize('NFKC'));
  const withoutEmails = ascii.replace(EMAIL, ' ');
  if (rules.detectPhones && PHONE.test(withoutEmails)) flags.push('phone');
  if (rules.detectEmails && withoutEmails !== ascii) flags.push('email');
  if (rules.detectLinks && hasFlaggedLink(withoutEmails, rules.domains)) flags.push('link');
  if (rules.words.length > 0) {
    const folded = foldArabic(ascii);
    if (rules.words.some((word) => folded.includes(word))) flags.push('blocklisted');
  }
  return flags;
}
