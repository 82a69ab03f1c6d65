// `npm start`: the desktop app on its embedded default. Builds the app, starts the reference backend on PGlite with
// demo data, and opens the Electron window on it. Where Electron's own binary cannot be had (it is fetched from
// outside the package registry on first use), it says so and names the web edition instead.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { startEmbeddedBackend } from './embeddedBackend.ts';

const root = resolve(import.meta.dirname, '..');

function electronBinary(): string | null {
  // The electron package's entry resolves (and on first use fetches) the binary's path; it throws when it cannot.
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return probe.status === 0 && probe.stdout ? probe.stdout.trim() : null;
}

const build = spawnSync(
  process.execPath,
  [createRequire(import.meta.url).resolve('electron-vite/bin/electron-vite.js'), 'build'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const binary = electronBinary();
if (!binary) {
  console.error(
    '\nChat Desk cannot open its desktop window here: Electron’s own binary is not installed and could not be\n' +
      'downloaded (it comes from outside the npm registry). The same app runs in your browser instead:\n\n' +
      '    npm run start:web\n',
  );
  process.exit(1);
}

const backend = await startEmbeddedBackend();
console.log(`Backend: ${backend.url}`);
if (backend.demoAccount) console.log(`Sign in as ${backend.demoAccount.email} / ${backend.demoAccount.password}`);
const app = spawn(binary, [root], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    CHATDESK_BACKEND_URL: backend.url,
    CHATDESK_DEMO_EMAIL: backend.demoAccount?.email ?? '',
    CHATDESK_DEMO_PASSWORD: backend.demoAccount?.password ?? '',
  },
});
app.on('exit', (code) => {
  void backend.close().finally(() => process.exit(code ?? 0));
});
