// Moderation flags (B3) on the kinds of text that take a sale off the platform, and on ordinary chat.
import { describe, expect, it } from 'vitest';
import { moderationFlags } from '../../../src/server/moderation.ts';

describe('moderationFlags', () => {
  it.each([
    ['راسلني على 0551234567', ['phone']],
    ['رقمي ٠٥٥١٢٣٤٥٦٧', ['phone']],
    ['call +966 55 123 4567 now', ['phone']],
    ['(055) 123-4567', ['phone']],
    ['mail me: ahmed.shop@gmail.com', ['email']],
    ['see https://example.org/x', ['link']],
    ['www.cheap-deals.com', ['link']],
    ['wa.me/966551234567', ['link', 'phone']],
    ['تواصل واتساب', ['blocklisted']],
    ['WhatsApp me', ['blocklisted']],
    ['الأفضل تحويل بنكي', ['blocklisted']],
    ['تحويل  بنكى', ['blocklisted']],
    ['أرسل IBAN', ['blocklisted']],
  ])('%s → %j', (text, flags) => {
    expect(moderationFlags(text).sort()).toEqual([...flags].sort());
  });

  it.each([
    'السلام عليكم، هل المنتج متوفر؟',
    'Is it available in size 42?',
    'السعر 1500 ريال',
    'Order #12345 arrived',
    'The box is 30 × 20 cm.',
    'نعم أصلي ١٠٠٪ مع الفاتورة',
  ])('leaves ordinary chat alone: %s', (text) => {
    expect(moderationFlags(text)).toEqual([]);
  });
});
