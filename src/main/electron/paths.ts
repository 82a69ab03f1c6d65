// Where the icons are: beside the app in development, in the package's resources folder once installed
// (electron-builder copies resources/ there as extraResources).
import { join } from 'node:path';
import type { App } from 'electron';

export function resourcePath(
  app: Pick<App, 'isPackaged' | 'getAppPath'>,
  file: string,
  resourcesPath = process.resourcesPath,
): string {
  return app.isPackaged ? join(resourcesPath, 'icons', file) : join(app.getAppPath(), 'resources', file);
}
