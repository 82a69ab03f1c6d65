// Strings of export (F8, D6), English and Arabic.
import { registerStrings } from '../../i18n/index.ts';

export const NS = 'export';

const en = {
  export: 'Export',
  exportHint: 'Export to Excel (XLSX) or CSV',
  exportAllMatching: 'Export all matching sessions',
  exportAllMatchingHint: 'Export every session matching the search and filters to Excel (XLSX) or CSV',
  xlsx: 'Excel (XLSX)',
  csv: 'CSV',
  title: 'Export',
  starting: 'Starting the export…',
  running: 'Exporting: {{written}} of {{total}}',
  done: 'Sessions exported: {{total}}, saved as {{name}}',
  doneWeb: 'Sessions exported: {{total}} ({{name}})',
  cancelled: 'Export cancelled: nothing was saved',
  failed: 'The export failed: {{message}}',
  cancel: 'Cancel',
  openFile: 'Open file',
  showInFolder: 'Show in folder',
  download: 'Download',
  errors: {
    disk_full: 'The disk is full. Free some space or choose another place.',
    not_writable: 'This folder is not writable. Choose another place.',
    folder_missing: 'This folder does not exist any more. Choose another place.',
    forbidden: 'Your role may not export sessions.',
    cache_missing: 'The local cache is not there: sign in again to export.',
  },
};

const ar: typeof en = {
  export: 'تصدير',
  exportHint: 'التصدير إلى Excel (XLSX) أو CSV',
  exportAllMatching: 'تصدير كل الجلسات المطابقة',
  exportAllMatchingHint: 'تصدير كل الجلسات المطابقة للبحث والفلاتر إلى Excel (XLSX) أو CSV',
  xlsx: 'Excel (XLSX)',
  csv: 'CSV',
  title: 'التصدير',
  starting: 'جارٍ بدء التصدير…',
  running: 'جارٍ التصدير: {{written}} من {{total}}',
  done: 'الجلسات المصدّرة: {{total}}، حُفظت في {{name}}',
  doneWeb: 'الجلسات المصدّرة: {{total}} ({{name}})',
  cancelled: 'أُلغي التصدير: لم يُحفظ شيء',
  failed: 'فشل التصدير: {{message}}',
  cancel: 'إلغاء',
  openFile: 'فتح الملف',
  showInFolder: 'إظهار في المجلد',
  download: 'تنزيل',
  errors: {
    disk_full: 'القرص ممتلئ. أفرغ بعض المساحة أو اختر مكانًا آخر.',
    not_writable: 'لا يمكن الكتابة في هذا المجلد. اختر مكانًا آخر.',
    folder_missing: 'هذا المجلد لم يعد موجودًا. اختر مكانًا آخر.',
    forbidden: 'دورك لا يسمح بتصدير الجلسات.',
    cache_missing: 'ذاكرة التخزين المحلية غير موجودة: سجّل الدخول مجددًا للتصدير.',
  },
};

/** Both languages, for the tests that hold the interface to its words. */
export const exportStrings = { en, ar };

registerStrings(NS, exportStrings);
