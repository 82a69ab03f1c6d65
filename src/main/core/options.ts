// How a shell (Electron, the web host, a test) configures the desk core.
import type { Edition } from '../../shared/bridge.ts';
import type { ExportHost } from './export/host.ts';
import type { SecretStore } from './secrets.ts';
import type { SyncOptions } from './sync.ts';

export interface DeskCoreOptions {
  edition: Edition;
  /** The folder for the desk's caches (one per backend account) and its account list. */
  dataDir: string;
  version: string;
  platform?: string;
  systemLocale?: string;
  /** The backend the sign-in form proposes (the embedded demo backend when the launcher started one). */
  defaultBackendUrl?: string | null;
  /** Demo credentials to propose on the sign-in form (demo mode only). */
  demoAccount?: { email: string; password: string } | null;
  /** Check outputs against the contract too (tests and development). */
  validateOutput?: boolean;
  /** Where the account's token is kept (Electron: safeStorage; web: a 0600 file). Default: memory only. */
  secrets?: SecretStore;
  /** The cache worker's module. Default: worker.ts beside cacheClient.ts under Node, else cacheWorker.js beside
   * the bundle (Electron: out/main/cacheWorker.js). */
  cacheWorkerUrl?: URL | string;
  /** Run the cache on the calling thread (unit tests only). */
  inProcessCache?: boolean;
  /** Cache queries slower than this are logged (ms, default 100). */
  slowQueryMs?: number;
  sync?: SyncOptions;
  outboxBackoff?: { baseMs: number; maxMs: number };
  /** The shell's save dialog and opener for exports (src/main/core/export/host.ts). Default: a folder host writing
   * into `<dataDir>/exports` (the web edition, which serves the files as downloads). */
  exportHost?: ExportHost;
  /** The export worker's module. Default: worker.ts beside manager.ts under Node, else exportWorker.js beside the
   * bundle (Electron: out/main/exportWorker.js). */
  exportWorkerUrl?: URL | string;
  log?: (message: string) => void;
  /** The desktop shell's chatdesk:// link waiting for the window ('app.pendingLink' hands it over once). */
  takePendingLink?: () => string | null;
  /** The desktop shell's login item and start-hidden switch ('app.startup', 'app.setStartup'); absent on the web. */
  startup?: {
    get(): StartupState;
    set(next: { openAtLogin: boolean; startHidden: boolean }): StartupState;
  };
}

export interface StartupState {
  /** Whether this run can register a login item (an installed app). */
  available: boolean;
  openAtLogin: boolean;
  startHidden: boolean;
}
