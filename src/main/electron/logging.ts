// Logging to a rotating file in the app's data folder: electron-log keeps one file of at most 5 MB and one older
// copy (main.old.log). Console output of the main process goes there too.
import type { MainLogger } from 'electron-log';

export const MAX_LOG_BYTES = 5 * 1024 * 1024;

export function configureLogging(log: MainLogger, logsDir: string, join: (...p: string[]) => string): string {
  const file = join(logsDir, 'main.log');
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.file.level = 'info';
  log.transports.console.level = process.env.NODE_ENV === 'production' ? 'warn' : 'info';
  log.errorHandler.startCatching({ showDialog: false });
  Object.assign(console, log.functions);
  return file;
}
