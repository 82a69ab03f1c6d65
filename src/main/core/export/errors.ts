// File-system failures of an export as the one error shape of the product (ErrorInfo), naming the reason and the
// place: the person sees "the disk is full", not "ENOSPC".
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors.ts';

/** The export's codes beyond the shared ones; the window words each in its language. */
export const EXPORT_ERROR_CODES = ['disk_full', 'not_writable', 'folder_missing', 'cache_missing'] as const;

export function exportFileError(error: unknown, path: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const folder = dirname(path);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError(
        'disk_full',
        `The disk is full: the export could not be written to ${folder}`,
        undefined,
        507,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError('not_writable', `The folder ${folder} is not writable (${code})`, undefined, 403);
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('folder_missing', `The folder ${folder} does not exist (${code})`, undefined, 404);
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return new AppError('internal', `The export failed: ${message}`);
    }
  }
}
