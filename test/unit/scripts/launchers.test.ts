// What `npm start` decides and how the programs stop: the edition chosen from Electron's probe, tools found through
// their package's bin field, the probe run against stand-in electron packages (real child processes), and the
// shutdown deadline in real processes sent real signals.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseEdition, insistsOnDesktop, probeElectron } from '../../../scripts/edition.ts';
import { toolBin } from '../../../scripts/toolBin.ts';

const root = resolve(import.meta.dirname, '../../..');
const temp = mkdtempSync(join(tmpdir(), 'chatdesk-launch-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A folder whose `electron` package behaves as given (stand-in for Electron's real entry). */
function fakeElectronProject(name: string, entry: string): string {
  const dir = join(temp, name);
  mkdirSync(join(dir, 'node_modules/electron'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"probe"}');
  writeFileSync(join(dir, 'node_modules/electron/package.json'), '{"name":"electron","main":"index.js"}');
  writeFileSync(join(dir, 'node_modules/electron/index.js'), entry);
  return dir;
}

describe('npm start: which edition', () => {
  it('opens the desktop window when Electron has a binary, insisted on or not', () => {
    const probe = { path: '/opt/electron/electron', error: '' };
    expect(chooseEdition(probe, false)).toEqual({ edition: 'desktop', electronPath: '/opt/electron/electron' });
    expect(chooseEdition(probe, true)).toEqual({ edition: 'desktop', electronPath: '/opt/electron/electron' });
  });

  it('falls back to the web edition without the binary, and refuses instead when the window was insisted on', () => {
    const probe = { path: null, error: 'fetch failed' };
    const fallback = chooseEdition(probe, false);
    expect(fallback.edition).toBe('web');
    const refused = chooseEdition(probe, true);
    expect(refused.edition).toBe('none');
    for (const choice of [fallback, refused]) {
      if (choice.edition === 'desktop') throw new Error('expected no window');
      expect(choice.reason).toContain('fetch failed');
      expect(choice.reason.split('\n')).toHaveLength(1);
    }
  });

  it('insists on the window with --desktop or CHATDESK_DESKTOP', () => {
    expect(insistsOnDesktop([], {})).toBe(false);
    expect(insistsOnDesktop(['--desktop'], {})).toBe(true);
    expect(insistsOnDesktop([], { CHATDESK_DESKTOP: '1' })).toBe(true);
    expect(insistsOnDesktop([], { CHATDESK_DESKTOP: 'true' })).toBe(true);
    expect(insistsOnDesktop([], { CHATDESK_DESKTOP: '0' })).toBe(false);
  });

  it('probes Electron in a child process: its path when it has one, its first error when it has not', () => {
    const present = fakeElectronProject('present', 'module.exports = "/opt/electron/electron";');
    expect(probeElectron(present)).toEqual({ path: '/opt/electron/electron', error: '' });
    const missing = fakeElectronProject(
      'missing',
      'console.error("TypeError: fetch failed"); throw new Error("Electron failed to install correctly.");',
    );
    expect(probeElectron(missing)).toEqual({ path: null, error: 'fetch failed' });
  });
});

describe('tools through their bin field', () => {
  it("finds electron-vite's executable although its exports map hides the file from require.resolve", () => {
    const bin = toolBin('electron-vite');
    expect(bin).toBe(join(root, 'node_modules/electron-vite/bin/electron-vite.js'));
    expect(existsSync(bin)).toBe(true);
    expect(() => toolBin('electron-vite', 'no-such-command')).toThrow('declares no executable named no-such-command');
    expect(() => toolBin('no-such-package-here')).toThrow('is not installed');
  });
});

describe('prompt shutdown', () => {
  /** A Node program that installs the shutdown with a graceful stop taking `stopMs` (or never ending). */
  function program(stopMs: number | 'never', deadlineMs: number) {
    const code = `
      import { exitPromptlyOnSignals } from ${JSON.stringify(join(root, 'src/server/shutdown.ts'))};
      exitPromptlyOnSignals({
        deadlineMs: ${deadlineMs},
        stop: () => new Promise((done) => { ${stopMs === 'never' ? '' : `setTimeout(done, ${stopMs});`} }),
      });
      setInterval(() => {}, 1000);
      console.log('ready');
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: root });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const ready = new Promise<void>((done) => child.stdout.on('data', () => out.includes('ready') && done()));
    const exited = new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    return { child, ready, exited, output: () => out };
  }

  it('exits 0 once the graceful stop is done', async () => {
    const p = program(50, 5000);
    await p.ready;
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain('SIGTERM: stopping');
  });

  it('exits by the deadline when the graceful stop hangs', async () => {
    const p = program('never', 300);
    await p.ready;
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain('still stopping after 300 ms: exiting now');
  });

  it('exits at once on a second signal', async () => {
    const p = program('never', 60_000);
    await p.ready;
    p.child.kill('SIGINT');
    await new Promise<void>((done) => {
      const check = () => (p.output().includes('SIGINT: stopping') ? done() : setTimeout(check, 10));
      check();
    });
    p.child.kill('SIGINT');
    expect(await p.exited).toBe(130);
    expect(p.output()).toContain('SIGINT again: exiting now');
  });
});

describe('a child program run against the embedded backend (npm start on the desktop, npm run dev)', () => {
  /** A launcher process whose child runs `childCode`, with a stand-in backend that says when it is closed. */
  function launcher(childCode: string) {
    const code = `
      import { runWithBackend } from ${JSON.stringify(join(root, 'scripts/childWithBackend.ts'))};
      const backend = { url: 'http://127.0.0.1:9', demoAccount: null, close: async () => console.log('backend closed') };
      runWithBackend(process.execPath, ['-e', ${JSON.stringify(childCode)}], process.cwd(), backend);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: root });
    let out = '';
    const ready = new Promise<void>((done) => {
      const read = (d: Buffer) => {
        out += d;
        if (out.includes('child ready')) done();
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
    });
    const exited = new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    return { child, ready, exited, output: () => out };
  }

  it("exits with the child's code and closes the backend once when the child ends by itself", async () => {
    const p = launcher("console.log('child ready'); setTimeout(() => process.exit(3), 100);");
    await p.ready;
    expect(await p.exited).toBe(3);
    expect(p.output().match(/backend closed/g)).toHaveLength(1);
  });

  it('passes SIGTERM on to the child, closes the backend once, and reports the signal as 128 + its number', async () => {
    const p = launcher("console.log('child ready'); setInterval(() => {}, 1000);");
    await p.ready;
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(143);
    expect(p.output()).toContain('SIGTERM: stopping');
    expect(p.output().match(/backend closed/g)).toHaveLength(1);
  });
});
