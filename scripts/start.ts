// `npm start`: the app on its embedded default with demo data. Builds the app, then opens the Electron window on the
// reference backend (PGlite, demo data). Where Electron's own binary cannot be had (it is fetched from outside the
// package registry on first use) it says so in one line and runs the web edition instead, so the command always ends
// with the app running; `npm start -- --desktop` (or CHATDESK_DESKTOP=1) insists on the window and exits instead.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { runWithBackend } from './childWithBackend.ts';
import { chooseEdition, insistsOnDesktop, probeElectron } from './edition.ts';
import { startEmbeddedBackend } from './embeddedBackend.ts';
import { toolBin } from './toolBin.ts';
import { runWebEdition } from './webEdition.ts';

const root = resolve(import.meta.dirname, '..');

const build = spawnSync(process.execPath, [toolBin('electron-vite'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const choice = chooseEdition(probeElectron(root), insistsOnDesktop(process.argv.slice(2), process.env));
if (choice.edition === 'none') {
  console.error(`\n${choice.reason} Without --desktop, npm start runs the same app in your browser.\n`);
  process.exit(1);
}
if (choice.edition === 'web') {
  console.log(`\n${choice.reason} Starting the web edition instead.`);
  await runWebEdition();
} else {
  const backend = await startEmbeddedBackend();
  console.log(`Backend: ${backend.url}`);
  if (backend.demoAccount) console.log(`Sign in as ${backend.demoAccount.email} / ${backend.demoAccount.password}`);
  runWithBackend(choice.electronPath, [root], root, backend);
}
