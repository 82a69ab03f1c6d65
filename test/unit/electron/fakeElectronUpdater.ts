// A stand-in for electron-updater in the shell's tests (the real one needs Electron's app and a release feed): an
// updater that counts its checks and never finds an update.
import { EventEmitter } from 'node:events';

class Updater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  logger: unknown = null;
  checks = 0;
  setFeedURL() {}
  async checkForUpdates() {
    this.checks += 1;
  }
  quitAndInstall() {}
}

export default { autoUpdater: new Updater() };
