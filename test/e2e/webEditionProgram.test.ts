// `npm run start:web` as a program (node scripts/start-web.ts on the built renderer): it stops within 5 s of SIGTERM
// or SIGINT with a browser connected (page open, its keep-alive connections and bridge socket), with the desk signed
// in and syncing, and with its backend unreachable.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBridge } from '../support/bridgeClient.ts';
import { launchChromium } from '../support/browser.ts';
import { exitWithin, type Program, startProgram } from '../support/program.ts';
import { builtRendererDir } from '../support/webApp.ts';

const root = resolve(import.meta.dirname, '../..');
const temp = mkdtempSync(join(tmpdir(), 'chatdesk-webprog-'));
const programs: Program[] = [];
let browser: Browser;

beforeAll(async () => {
  builtRendererDir();
  browser = await launchChromium();
});
afterAll(async () => {
  for (const program of programs) program.signal('SIGKILL');
  await browser?.close();
  rmSync(temp, { recursive: true, force: true });
});

function startWeb(name: string, env: Record<string, string> = {}): Program {
  const program = startProgram(process.execPath, ['scripts/start-web.ts'], {
    cwd: root,
    env: {
      BROWSER: 'none',
      PORT: '0',
      CHATDESK_WEB_PORT: '0',
      CHATDESK_DATA_DIR: join(temp, name, 'server'),
      CHATDESK_DESK_DIR: join(temp, name, 'desk'),
      CHATDESK_DEMO_PASSWORD: 'pw-for-test',
      CHATDESK_PASSWORD_COST: '10',
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  programs.push(program);
  return program;
}

/** A backend that cannot be reached: a listener that cuts every connection at once (kept open, so no other program
 * can take its port meanwhile). */
async function unreachableBackend(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Stopped by the deadline at the latest (a forced exit is 1, a graceful one 0): never still running after 5 s. */
async function stopsWithin5s(web: Program, signal: NodeJS.Signals): Promise<void> {
  web.signal(signal);
  const code = await exitWithin(web, 5000);
  expect(code).not.toBe('still running');
  expect([0, 1]).toContain(code);
  expect(web.output()).toContain(`${signal}: stopping`);
}

describe('npm run start:web stops promptly', () => {
  // A PGlite start with demo data, Chromium and a sign-in: minutes on a loaded 2-core machine.
  it('within 5 s of SIGTERM with a page open and the desk signed in and syncing', { timeout: 300_000 }, async () => {
    const web = startWeb('demo');
    const address = (await web.waitFor(/Open: (http:\/\/\S+)/, 120_000))[1] as string;
    const backendUrl = (await web.waitFor(/Backend: (http:\/\/\S+)/))[1] as string;
    const page = await browser.newPage();
    await page.goto(address);
    await page.getByTestId('sign-in').or(page.getByTestId('frame')).first().waitFor({ timeout: 30_000 });

    const bridge = await connectBridge(address);
    const signIn = await bridge.invoke('account.signIn', {
      backendUrl,
      email: 'admin@demo.chatdesk',
      password: 'pw-for-test',
    });
    expect(signIn.ok).toBe(true);

    try {
      await stopsWithin5s(web, 'SIGTERM');
    } finally {
      bridge.close();
      await page.close();
    }
  });

  it('within 5 s of SIGINT while its backend cannot be reached', { timeout: 300_000 }, async () => {
    const backend = await unreachableBackend();
    const backendUrl = backend.url;
    const web = startWeb('unreachable', { CHATDESK_BACKEND_URL: backendUrl });
    const address = (await web.waitFor(/Open: (http:\/\/\S+)/, 60_000))[1] as string;
    const page = await browser.newPage();
    await page.goto(address);
    const bridge = await connectBridge(address);
    const signIn = await bridge.invoke('account.signIn', {
      backendUrl,
      email: 'admin@demo.chatdesk',
      password: 'pw-for-test',
    });
    expect(signIn.ok).toBe(false);

    try {
      await stopsWithin5s(web, 'SIGINT');
    } finally {
      bridge.close();
      await page.close();
      await backend.close();
    }
  });
});
