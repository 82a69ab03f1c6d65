// Logging to a rotating file in the app's data folder: electron-log keeps one file of at most 5 MB and one older
// copy (main.old.log). Console output of the main process goes there too. The folder is 0700 and the files 0600
// (privateFiles.ts): a log names sessions, customers and errors.
import type { MainLogger } from 'electron-log';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../core/privateFiles.ts';

export const MAX_LOG_BYTES = 5 * 1024 * 1024;

export function configureLogging(log: MainLogger, logsDir: string, join: (...p: string[]) => string): string {
  const file = join(logsDir, 'main.log');
  // Created 0700, and log files an older version wrote 0644 tightened.
  ensurePrivateDir(logsDir, 0);
  log.transports.file.writeOptions = { flag: 'a', mode: PRIVATE_FILE_MODE, encoding: 'utf8' };
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.file.level = 'info';
  log.transports.console.level = process.env.NODE_ENV === 'production' ? 'warn' : 'info';
  log.errorHandler.startCatching({ showDialog: false });
  Object.assign(console, log.functions);
  return file;
}
