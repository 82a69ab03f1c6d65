// The temporary file an export writes before it is renamed into place: beside the target (the rename stays on one
// file system), hidden, and unique to this process and moment so two exports never share one.
import { basename, dirname, join } from 'node:path';

export function partialPath(filePath: string): string {
  return join(dirname(filePath), `.${basename(filePath)}.${process.pid}.${Date.now().toString(36)}.partial`);
}
