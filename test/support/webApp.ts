// Test helper: the web edition as a person opens it, for the e2e tests. A real backend with the demo marketplace
// (optionally behind a cuttable proxy), the real desk core, the web host serving the built renderer (out/renderer,
// or a harness page) over its WebSocket bridge, and a page in Chromium.
//   const app = await startWebApp({ signIn: false, desk: { systemLocale: 'en-US' } });
//   await app.signIn(DEMO_ADMIN.email, DEMO_PASSWORD);
//   await app.close();
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { exportsDir } from '../../src/main/core/export/host.ts';
import { startWebHost, type WebHost } from '../../src/main/web/webHost.ts';
import { DEMO_PASSWORD, startTestBackend, type TestBackend } from './backend.ts';
import { launchChromium } from './browser.ts';
import {
  type CuttableProxy,
  DEMO_ADMIN,
  type StartDeskOptions,
  startCuttableProxy,
  startDeskCore,
  type TestDesk,
} from './desk.ts';

/** The built renderer (out/renderer); throws if it has not been built. */
export function builtRendererDir(): string {
  const dir = resolve(import.meta.dirname, '../../out/renderer');
  if (!existsSync(join(dir, 'index.html'))) throw new Error('Build the renderer first (npx electron-vite build)');
  return dir;
}

export interface WebAppOptions {
  /**
   * The desk core signs in to the backend as the demo admin and syncs before the page opens (default); with false it
   * starts signed out, proposing the backend and the demo account on its sign-in screen (as `npm run start:web`).
   */
  signIn?: boolean;
  /** More options for the desk core (systemLocale, …). */
  desk?: StartDeskOptions;
  /** Put a cuttable proxy between the desk and the backend, to take the network away. */
  proxy?: boolean;
  /** What the web host serves: by default the built renderer (checked to exist). */
  rendererDir?: string;
  /** Serve the desk's exports folder for downloads. */
  exportsDir?: boolean;
  viewport?: { width: number; height: number };
  /** The browser's locale. */
  locale?: string;
  acceptDownloads?: boolean;
  /** The page's default timeout for actions and waits, in ms (default 10 s). */
  timeoutMs?: number;
  /** Called on the new browser context before the page is made (permissions, init scripts). */
  prepareContext?: (context: BrowserContext, host: WebHost) => Promise<void>;
  /** Open the app (host.url) in the page (default true). */
  open?: boolean;
  /** Called on the backend before the desk signs in and syncs (more data: `generateBulk(backend.db, …)`). */
  prepareBackend?: (backend: TestBackend) => Promise<void>;
}

export interface WebApp {
  backend: TestBackend;
  /** The proxy in front of the backend, with `proxy: true`. */
  proxy: CuttableProxy | undefined;
  desk: TestDesk;
  host: WebHost;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every uncaught error of the page since it was made. */
  pageErrors: string[];
  /** Every request of the page that failed or was answered 4xx/5xx (status and path), since it was made. */
  failedRequests: string[];
  /** Every warning and error the page wrote to its console, since it was made. */
  consoleProblems: string[];
  /** The app's address with these query parameters (the secret kept in the fragment). */
  url(query?: Record<string, string>): string;
  /** Signs in on the sign-in screen against the backend and waits for the app frame. */
  signIn(email?: string, password?: string): Promise<void>;
  /** Closes the browser, the host, the desk, the proxy and the backend, in that order. */
  close(): Promise<void>;
}

export async function startWebApp(options: WebAppOptions & { proxy: true }): Promise<WebApp & { proxy: CuttableProxy }>;
export async function startWebApp(options?: WebAppOptions): Promise<WebApp>;
export async function startWebApp(options: WebAppOptions = {}): Promise<WebApp> {
  const rendererDir = options.rendererDir ?? builtRendererDir();
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const step of closers.splice(0).reverse()) await step();
  };
  try {
    const backend = await startTestBackend();
    closers.push(() => backend.close());
    await options.prepareBackend?.(backend);
    const proxy = options.proxy ? await startCuttableProxy(backend.url) : undefined;
    if (proxy) closers.push(() => proxy.close());
    const backendUrl = proxy?.url ?? backend.url;
    const desk = await startDeskCore({
      backendUrl,
      ...(options.signIn === false
        ? {
            signIn: false,
            defaultBackendUrl: backendUrl,
            demoAccount: { email: DEMO_ADMIN.email, password: DEMO_PASSWORD },
          }
        : {}),
      ...options.desk,
    });
    closers.push(async () => {
      // The desk flushes its outbox as it closes: give it the network back.
      proxy?.restore();
      await desk.close();
    });
    const host = await startWebHost({
      core: desk.core.endpoint,
      rendererDir,
      ...(options.exportsDir ? { exportsDir: exportsDir(desk.dataDir) } : {}),
    });
    closers.push(() => host.close());
    const browser = await launchChromium();
    closers.push(() => browser.close());
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1400, height: 860 },
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
    });
    closers.push(() => context.close());
    context.setDefaultTimeout(options.timeoutMs ?? 10_000);
    await options.prepareContext?.(context, host);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const failedRequests: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failedRequests.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    page.on('requestfailed', (r) => failedRequests.push(`${r.failure()?.errorText ?? 'failed'} ${r.url()}`));
    const consoleProblems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') consoleProblems.push(`${m.type()}: ${m.text()}`);
    });

    const url = (query: Record<string, string> = {}) => {
      const address = new URL(host.url);
      address.search = new URLSearchParams(query).toString();
      return address.toString();
    };
    const signIn = async (email: string = DEMO_ADMIN.email, password: string = DEMO_PASSWORD) => {
      await expect.poll(() => page.getByTestId('sign-in').count(), { timeout: 15_000 }).toBe(1);
      await page.getByLabel('Backend URL').fill(backendUrl);
      await page.getByLabel('E-mail').fill(email);
      await page.getByRole('textbox', { name: 'Password' }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByTestId('frame').count(), { timeout: 30_000 }).toBe(1);
    };

    if (options.open !== false) await page.goto(host.url);
    return {
      backend,
      proxy,
      desk,
      host,
      browser,
      context,
      page,
      pageErrors,
      failedRequests,
      consoleProblems,
      url,
      signIn,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
