// The right-click menu of text fields and messages (electron-context-menu): cut, copy, paste, select all, the
// spellchecker's suggestions (spellcheck is on in window.ts) and "Copy link", in the interface's language. Nothing
// that saves, downloads or searches the web: the page holds marketplace customers' messages.
import contextMenu from 'electron-context-menu';
import type { Locale } from '../../shared/bridge.ts';

type Options = NonNullable<Parameters<typeof contextMenu>[0]>;

const LABELS: Record<Locale, NonNullable<Options['labels']>> = {
  en: {
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    copyLink: 'Copy Link',
    copyImage: 'Copy Image',
    learnSpelling: 'Learn Spelling',
    dictionarySuggestions: 'No Guesses Found',
    inspect: 'Inspect Element',
  },
  ar: {
    cut: 'قص',
    copy: 'نسخ',
    paste: 'لصق',
    selectAll: 'تحديد الكل',
    copyLink: 'نسخ الرابط',
    copyImage: 'نسخ الصورة',
    learnSpelling: 'إضافة إلى القاموس',
    dictionarySuggestions: 'لا توجد اقتراحات',
    inspect: 'فحص العنصر',
  },
};

/** The menu's options for a language; the developer tools' "Inspect" only in development. */
export function contextMenuOptions(locale: Locale, isDev: boolean): Options {
  return {
    labels: LABELS[locale],
    showSelectAll: true,
    showCopyLink: true,
    showCopyImage: true,
    showLearnSpelling: true,
    showLookUpSelection: false,
    showSearchWithGoogle: false,
    showSaveImage: false,
    showSaveImageAs: false,
    showCopyImageAddress: false,
    showSaveLinkAs: false,
    showSaveVideo: false,
    showSaveVideoAs: false,
    showCopyVideoAddress: false,
    showInspectElement: isDev,
    showServices: false,
  };
}

/** Installs the menu on every window; call again with another language (the previous menu is removed). */
export function createContextMenu(isDev: boolean, install: typeof contextMenu = contextMenu) {
  let dispose: (() => void) | null = null;
  return (locale: Locale) => {
    dispose?.();
    dispose = install(contextMenuOptions(locale, isDev));
  };
}
