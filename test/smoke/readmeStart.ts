// The README's first command as a newcomer runs it, on this clone: `npm start` with BROWSER=none. It must end with
// the app running on its embedded default (the desktop window where Electron can open; here, where its binary
// cannot be fetched, the web edition it falls back to): the page served, a sign-in with the demo account through the
// bridge, the demo sessions there; then Ctrl+C (SIGINT to the process group) stops everything within 5 s.
// Run by .ci/run: `node test/smoke/readmeStart.ts`; exits non-zero with the program's output on any failure.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { connectBridge } from '../support/bridgeClient.ts';
import { exitWithin, startProgram } from '../support/program.ts';

const root = resolve(import.meta.dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const app = startProgram(npm, ['start'], { cwd: root, env: { BROWSER: 'none' }, group: true });
const step = (what: string) => console.log(`smoke: ${what}`);

try {
  const first = await app.waitFor(/Open: (http:\/\/\S+)|^Backend: (http:\/\/\S+)$/m, 300_000);
  if (!first[1]) {
    // Electron's binary is there: the desktop branch started the window's process; nothing more to drive from here.
    step('the desktop window was started (Electron is installed)');
  } else {
    const address = first[1];
    assert.match(app.output(), /Starting the web edition instead/);
    step(`web edition at ${new URL(address).origin} (Electron's window cannot open here)`);
    const backendUrl = (await app.waitFor(/Backend: (http:\/\/\S+)/))[1] as string;
    const demo = await app.waitFor(/Sign in as (\S+) \/ (\S+) \(demo data\)/);

    const page = await fetch(new URL(address).origin);
    assert.equal(page.status, 200, 'the page host answers');
    assert.match(await page.text(), /<div id="root"/, 'the page is the interface');

    const bridge = await connectBridge(address);
    const signIn = await bridge.invoke('account.signIn', {
      backendUrl,
      email: demo[1] as string,
      password: demo[2] as string,
    });
    assert.equal(signIn.ok, true, `sign-in through the bridge: ${JSON.stringify(signIn)}`);
    step(`signed in as ${demo[1]}`);
    let total = 0;
    for (let tries = 0; tries < 150 && total === 0; tries += 1) {
      const sessions = await bridge.invoke('sessions.page', { offset: 0, limit: 5 });
      if (sessions.ok) total = (sessions.value as { total: number }).total;
      if (total === 0) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(total > 0, 'the demo sessions reach the desk');
    step(`${total} demo sessions in the desk`);
    bridge.close();
  }

  app.signal('SIGINT');
  const code = await exitWithin(app, 5000);
  assert.notEqual(code, 'still running', 'npm start stops within 5 s of Ctrl+C');
  assert.match(app.output(), /SIGINT: stopping/);
  step(`stopped within 5 s of SIGINT (exit ${code})`);
} catch (error) {
  console.error(
    `smoke: FAILED — ${error instanceof Error ? error.message : String(error)}\n--- npm start said:\n${app.output()}`,
  );
  app.signal('SIGKILL');
  process.exit(1);
}
