// The web edition (B8) as a program: the embedded demo backend on PGlite (unless CHATDESK_BACKEND_URL names one), the
// desk core, and the host that serves the built renderer; prints the address to open (with its secret) and opens a
// browser unless BROWSER=none or CI is set. Used by `npm run start:web`, and by `npm start` where Electron's window
// cannot open.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDeskCore } from '../src/main/core/deskCore.ts';
import { exportsDir } from '../src/main/core/export/host.ts';
import { createFileSecretStore } from '../src/main/web/fileSecretStore.ts';
import { startWebHost } from '../src/main/web/webHost.ts';
import { exitPromptlyOnSignals } from '../src/server/shutdown.ts';
import { startEmbeddedBackend } from './embeddedBackend.ts';

const root = resolve(import.meta.dirname, '..');

export async function runWebEdition(): Promise<void> {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
  const backend = await startEmbeddedBackend();
  const deskDir = resolve(process.env.CHATDESK_DESK_DIR ?? resolve(root, '.chatdesk/desk'));
  const core = await createDeskCore({
    edition: 'web',
    dataDir: deskDir,
    // The account's token, in files only this user can read (no OS keychain for a plain Node program).
    secrets: createFileSecretStore(resolve(deskDir, 'secrets')),
    version: pkg.version,
    defaultBackendUrl: backend.url,
    demoAccount: backend.demoAccount,
  });
  const host = await startWebHost({
    core: core.endpoint,
    rendererDir: resolve(root, 'out/renderer'),
    // Loopback only: the page host answers only a Host of 127.0.0.1 or localhost (DNS-rebinding defence).
    host: '127.0.0.1',
    port: Number(process.env.CHATDESK_WEB_PORT ?? 5180),
    // Exports are written there by the core (no save dialog in a browser) and downloaded from the host.
    exportsDir: exportsDir(deskDir),
  });

  console.log(`\nChat Desk (web edition) is running.\n  Open: ${host.url}\n  Backend: ${backend.url}`);
  if (backend.demoAccount) {
    console.log(`  Sign in as ${backend.demoAccount.email} / ${backend.demoAccount.password} (demo data)`);
  }
  console.log('  Stop with Ctrl+C.\n');

  if (!process.env.CI && process.env.BROWSER !== 'none') {
    const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
    const child = spawn(process.env.BROWSER || opener, [host.url], { stdio: 'ignore', detached: true });
    child.on('error', () => console.log('  (Could not open a browser by itself: open the address above.)'));
    child.unref();
  }

  // The page host first (a browser's open sockets must not hold the rest up), then the core, then the backend.
  exitPromptlyOnSignals({
    stop: async () => {
      // Each step is tried whatever the one before did, so the cache and the database are always closed.
      try {
        await host.close();
      } finally {
        try {
          await core.close();
        } finally {
          await backend.close();
        }
      }
    },
  });
}
