// The web edition's download of a finished export: the host serves the file from its exports folder, and asks for
// the same secret as the bridge.
import { webHostSecret } from '../../bridge/index.ts';

export const EXPORTS_PATH = '/exports/';

export function fileName(filePath: string): string {
  return filePath.split(/[\\/]/).pop() ?? filePath;
}

export function downloadUrl(filePath: string): string {
  const secret = webHostSecret() ?? '';
  return `${EXPORTS_PATH}${encodeURIComponent(fileName(filePath))}?secret=${encodeURIComponent(secret)}`;
}

/** Starts the browser's download of a finished export (as a click on a link would). */
export function startDownload(filePath: string): void {
  const link = document.createElement('a');
  link.href = downloadUrl(filePath);
  link.download = fileName(filePath);
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
