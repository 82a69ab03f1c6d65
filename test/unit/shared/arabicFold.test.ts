import { describe, expect, it } from 'vitest';
import { foldArabic } from '../../../src/shared/arabicFold.ts';

describe('foldArabic', () => {
  it('removes diacritics and tatweel', () => {
    expect(foldArabic('مُحَمَّد')).toBe('محمد');
    expect(foldArabic('جمـــيل')).toBe('جميل');
  });
  it('makes alef, yaa and taa marbuta forms equal', () => {
    expect(foldArabic('أحمد')).toBe(foldArabic('احمد'));
    expect(foldArabic('إسلام')).toBe(foldArabic('اسلام'));
    expect(foldArabic('مصطفى')).toBe(foldArabic('مصطفي'));
    expect(foldArabic('فاطمة')).toBe(foldArabic('فاطمه'));
  });
  it('folds Latin case and spaces', () => {
    expect(foldArabic('  iPhone   15 PRO ')).toBe('iphone 15 pro');
  });
});
