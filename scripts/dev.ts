// `npm run dev`: electron-vite's dev server against the embedded backend with demo data: the renderer hot-reloads,
// main and preload are rebuilt and the app restarted on change (`electron-vite dev --watch`). Where Electron's window
// cannot open (its binary is fetched from outside the package registry) it says so and names `npm run dev:web`.
import { resolve } from 'node:path';
import { runWithBackend } from './childWithBackend.ts';
import { chooseEdition, probeElectron } from './edition.ts';
import { startEmbeddedBackend } from './embeddedBackend.ts';
import { toolBin } from './toolBin.ts';

const root = resolve(import.meta.dirname, '..');
const choice = chooseEdition(probeElectron(root), true);
if (choice.edition !== 'desktop') {
  console.error(`\n${choice.reason} Use npm run dev:web to work on the app in a browser.\n`);
  process.exit(1);
}
const backend = await startEmbeddedBackend();
console.log(`Backend: ${backend.url}`);
if (backend.demoAccount) console.log(`Sign in as ${backend.demoAccount.email} / ${backend.demoAccount.password}`);
runWithBackend(process.execPath, [toolBin('electron-vite'), 'dev', '--watch'], root, backend);
