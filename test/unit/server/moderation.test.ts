// Moderation flags (B3) on the kinds of text that take a sale off the platform, and on ordinary chat; B9's editable rules.
import { describe, expect, it } from 'vitest';
import { compileRules, moderationFlags } from '../../../src/server/moderation.ts';

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

describe('links: a maintained detector with the real list of top-level domains (B9)', () => {
  it.each([
    'زوروا shop.example.store الآن',
    'bit.ly/x',
    'تفضل،shop.example.store؟',
    '«متجر.السعودية»',
    'Site:shop.example.store',
    'رابط المنتج: my-shop.com/p/1 شكرا',
    'hTTps://EXAMPLE.org',
    'telegram.me/seller',
  ])('flags %s', (text) => {
    expect(moderationFlags(text)).toContain('link');
  });

  it.each(['file.txt', 'v1.2', 'v2.0.1', 'image.png', 'السعر 10.5 ريال', '1.2.3.4', 'e.g. this', 'Mr.Smith'])(
    'leaves %s alone',
    (text) => {
      expect(moderationFlags(text)).not.toContain('link');
    },
  );

  it('an e-mail address is an email, not a link; a phone next to a link is both', () => {
    expect(moderationFlags('ahmed@shop.example.store').sort()).toEqual(['email']);
    expect(moderationFlags('wa.me/٩٦٦٥٥١٢٣٤٥٦٧').sort()).toEqual(['link', 'phone']);
  });
});

describe('rules (B9)', () => {
  const rules = (over: Partial<Parameters<typeof compileRules>[0]>) =>
    compileRules({
      blockedWords: [],
      allowedDomains: [],
      detectPhones: true,
      detectEmails: true,
      detectLinks: true,
      ...over,
    });

  it('blocked words match after Arabic folding, whatever the case', () => {
    const r = rules({ blockedWords: ['كاش فقط', 'PayPal'] });
    expect(moderationFlags('الدفع كَاش فقط', r)).toEqual(['blocklisted']);
    expect(moderationFlags('paypal please', r)).toEqual(['blocklisted']);
    expect(moderationFlags('واتساب', r)).toEqual([]);
  });

  it('an allowed domain and its subdomains are not flagged; another link in the same message still is', () => {
    const r = rules({ allowedDomains: ['marketplace.example.com', 'متجر.السعودية'] });
    expect(moderationFlags('see https://marketplace.example.com/p/1', r)).toEqual([]);
    expect(moderationFlags('help.marketplace.example.com/faq', r)).toEqual([]);
    expect(moderationFlags('زوروا متجر.السعودية', r)).toEqual([]);
    expect(moderationFlags('notmarketplace.example.com', r)).toEqual(['link']);
    expect(moderationFlags('marketplace.example.com or bit.ly/x', r)).toEqual(['link']);
  });

  it('each kind of detection can be switched off', () => {
    const text = 'call 0551234567, mail a@b.com, see bit.ly/x';
    expect(moderationFlags(text, rules({})).sort()).toEqual(['email', 'link', 'phone']);
    expect(moderationFlags(text, rules({ detectPhones: false })).sort()).toEqual(['email', 'link']);
    expect(moderationFlags(text, rules({ detectEmails: false })).sort()).toEqual(['link', 'phone']);
    expect(moderationFlags(text, rules({ detectLinks: false })).sort()).toEqual(['email', 'phone']);
  });
});
