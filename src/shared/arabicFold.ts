// Folds text for search so that what staff type matches what customers wrote (B2, F5): case, Arabic diacritics
// (tashkeel), tatweel, and the alef / yaa / taa-marbuta / hamza-seat variants are made equal. Used by the backend's
// search columns and the desk cache alike, so both sides match the same way.
const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g;
const TATWEEL = /\u0640/g;
const ALEF_FORMS = /[\u0622\u0623\u0625\u0671]/g; // آ أ إ ٱ → ا
const YAA_FORMS = /[\u0649\u06CC]/g; // ى ی → ي
const TAA_MARBUTA = /\u0629/g; // ة → ه
const WAW_HAMZA = /\u0624/g; // ؤ → و
const YAA_HAMZA = /\u0626/g; // ئ → ي

export function foldArabic(text: string): string {
  return text
    .normalize('NFKC')
    .replace(DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(ALEF_FORMS, '\u0627')
    .replace(YAA_FORMS, '\u064A')
    .replace(TAA_MARBUTA, '\u0647')
    .replace(WAW_HAMZA, '\u0648')
    .replace(YAA_HAMZA, '\u064A')
    .toLocaleLowerCase('en')
    .replace(/\s+/g, ' ')
    .trim();
}
