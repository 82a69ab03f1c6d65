// Moderation flags (B3): what the usual attempts to take a sale off the platform look like. Computed once when a
// message is written and stored with it, so the "Flagged" filter and column cost nothing at read time.
import { foldArabic } from '../shared/arabicFold.ts';
import type { MessageFlag } from '../shared/domain.ts';

/** Words and phrases (matched after Arabic folding and lower-casing) that point outside the marketplace. */
export const BLOCKLIST: readonly string[] = [
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
].map(foldArabic);

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
const toAsciiDigits = (text: string) => text.replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10));

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
const LINK =
  /\b(?:https?:\/\/|www\.)\S+|\b(?:wa\.me|t\.me|bit\.ly)\/\S*|\b[a-z0-9-]{2,}\.(?:com|net|org|sa|ae|eg|io|me|ly|app|shop|store|info)\b/i;
// 8+ digits, possibly separated by spaces, dots, dashes or brackets, optionally with a leading +
const PHONE = /(?:\+|00)?\d(?:[\s\-.()]*\d){7,}/;

export function moderationFlags(body: string): MessageFlag[] {
  const flags: MessageFlag[] = [];
  const ascii = toAsciiDigits(body.normalize('NFKC'));
  const hasEmail = EMAIL.test(ascii);
  if (PHONE.test(ascii.replace(EMAIL, ' '))) flags.push('phone');
  if (hasEmail) flags.push('email');
  if (LINK.test(ascii.replace(EMAIL, ' '))) flags.push('link');
  const folded = foldArabic(ascii);
  if (BLOCKLIST.some((word) => folded.includes(word))) flags.push('blocklisted');
  return flags;
}
