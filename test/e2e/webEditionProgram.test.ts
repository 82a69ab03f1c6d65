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

/** A port nothing listens on: bound, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('npm run start:web stops promptly', () => {
  it('within 5 s of SIGTERM with a page open and the desk signed in and syncing', async () => {
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

    web.signal('SIGTERM');
    expect(await exitWithin(web, 5000)).toBe(0);
    expect(web.output()).toContain('SIGTERM: stopping');
    await page.close();
  });

  it('within 5 s of SIGINT while its backend cannot be reached', async () => {
    const backendUrl = `http://127.0.0.1:${await deadPort()}`;
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

    web.signal('SIGINT');
    expect(await exitWithin(web, 5000)).toBe(0);
    await page.close();
  });
});
