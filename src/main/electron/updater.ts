// Updates through electron-updater: off unless the user opted in, from a feed set at build time (the packaged app's
// resources/app-update.yml, written by electron-builder from its `publish` setting) or overridden at run time
// (CHATDESK_UPDATE_URL), downloaded in the background, installed only after the user says so.
import type { AppUpdater, UpdateInfo } from 'electron-updater';

export interface UpdaterOptions {
  updater: Pick<AppUpdater, 'setFeedURL' | 'checkForUpdates' | 'quitAndInstall' | 'on'> & {
    autoDownload: boolean;
    autoInstallOnAppQuit: boolean;
    logger: unknown;
  };
  /** A generic feed URL given at run time (CHATDESK_UPDATE_URL), overriding the build's. */
  feedUrl: string | null;
  /** Installed from a package: electron-updater then reads the build's app-update.yml (unpackaged it never checks). */
  packaged?: boolean;
  enabled: () => boolean;
  /** Asks the user; resolves true to restart and install now. */
  confirmInstall: (info: Pick<UpdateInfo, 'version'>) => Promise<boolean>;
  beforeInstall: () => void;
  logger?: unknown;
}

export function isValidFeedUrl(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

export function createUpdateService(options: UpdaterOptions) {
  const { updater } = options;
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = false;
  if (options.logger) updater.logger = options.logger;
  const feed = isValidFeedUrl(options.feedUrl) ? options.feedUrl : null;
  if (feed) updater.setFeedURL({ provider: 'generic', url: feed });

  updater.on('update-downloaded', (info: UpdateInfo) => {
    void options.confirmInstall(info).then((yes) => {
      if (!yes) return;
      options.beforeInstall();
      updater.quitAndInstall();
    });
  });

  const configured = feed !== null || options.packaged === true;

  return {
    get configured(): boolean {
      return configured;
    },
    /** Checks when opted in and configured (or when the user asked explicitly); returns whether it checked. */
    async check(explicit = false): Promise<boolean> {
      if (!configured || (!explicit && !options.enabled())) return false;
      try {
        await updater.checkForUpdates();
      } catch (error) {
        console.warn('[updater] check failed', error);
      }
      return true;
    },
  };
}
