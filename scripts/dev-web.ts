// `npm run dev:web`: the web edition while working on it. The app is built once, then rebuilt whenever a file of
// the interface or the contract changes (src/renderer, src/shared), into the folder the web host serves: reload the
// page to see a change. (The web edition's bridge is its host's WebSocket, so the page is served by the host, not by
// a hot-reloading dev server; changes to the core or the backend need a restart.)
import { spawn, spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
import { resolve } from 'node:path';
import { toolBin } from './toolBin.ts';
import { runWebEdition } from './webEdition.ts';

const root = resolve(import.meta.dirname, '..');
const electronVite = toolBin('electron-vite');
const first = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit' });
if (first.status !== 0) process.exit(first.status ?? 1);

// One build at a time; changes made during a build start one more when it ends.
let building = false;
let again = false;
function rebuild(): void {
  if (building) {
    again = true;
    return;
  }
  building = true;
  console.log('\nChanged: rebuilding (reload the page once it is built)…');
  const child = spawn(process.execPath, [electronVite, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  child.on('exit', (code) => {
    building = false;
    console.log(code === 0 ? 'Built: reload the page.' : `The build failed (${code}): see above.`);
    if (again) {
      again = false;
      rebuild();
    }
  });
}
for (const dir of ['src/renderer', 'src/shared']) watch(resolve(root, dir), { recursive: true }, rebuild);

await runWebEdition();
