// chatdesk://session/<id> links and the single-instance lock: a second launch (with or without a link) hands its
// arguments to the first, which shows itself and opens the session.
import { resolve } from 'node:path';
import type { App } from 'electron';

export const PROTOCOL = 'chatdesk';
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export type DeepLink = { kind: 'session'; sessionId: string };

export function parseDeepLink(raw: string): DeepLink | null {
  if (typeof raw !== 'string' || raw.length > 512) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${PROTOCOL}:`) return null;
  // chatdesk://session/<id> parses as host "session", path "/<id>".
  const parts = [url.hostname, ...url.pathname.split('/')].filter(Boolean).map(decodeURIComponent);
  if (parts.length !== 2 || parts[0] !== 'session') return null;
  const id = parts[1] as string;
  return ID.test(id) ? { kind: 'session', sessionId: id } : null;
}

/** The link among a launch's arguments (Windows and Linux pass it on the command line). */
export function deepLinkFromArgv(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    if (arg.toLowerCase().startsWith(`${PROTOCOL}:`)) {
      const link = parseDeepLink(arg);
      if (link) return link;
    }
  }
  return null;
}

type AppLike = Pick<
  App,
  | 'requestSingleInstanceLock'
  | 'on'
  | 'quit'
  | 'setAsDefaultProtocolClient'
  | 'isPackaged'
  | 'getApplicationNameForProtocol'
  | 'isDefaultProtocolClient'
>;

export interface SingleInstanceOptions {
  app: AppLike;
  /** Show and focus the window (creating it if needed). */
  reveal: () => void;
  /** Route a link once the window shows. */
  open: (link: DeepLink) => void;
  argv: readonly string[];
  execPath: string;
  /** The script path in development (`electron .`), where the protocol needs it to relaunch us. */
  devScript?: string;
}

/**
 * Returns false when another instance already runs (this one quits); otherwise registers the protocol and routes
 * second launches and macOS open-url. A link from this launch's own argv is returned through `open` once ready.
 */
export function setupSingleInstance(options: SingleInstanceOptions): boolean {
  const { app } = options;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  // Reviewed: links are read by parseDeepLink only (one form, an id of safe characters), nothing else is acted on.
  if (app.isPackaged || !options.devScript) {
    app.setAsDefaultProtocolClient(PROTOCOL); // eng-disable PROTOCOL_HANDLER_JS_CHECK
  } else {
    // A dev run (`electron out/main/index.js`) registers Electron with the script's absolute path (the OS starts it
    // from anywhere), and only while no other app has the scheme: it never takes the links of an installed app.
    const script = resolve(options.devScript);
    const handler = app.getApplicationNameForProtocol(`${PROTOCOL}://`);
    if (!handler || app.isDefaultProtocolClient(PROTOCOL, options.execPath, [script]))
      app.setAsDefaultProtocolClient(PROTOCOL, options.execPath, [script]); // eng-disable PROTOCOL_HANDLER_JS_CHECK
  }

  const handle = (link: DeepLink | null) => {
    options.reveal();
    if (link) options.open(link);
  };
  app.on('second-instance', (_event, argv) => handle(deepLinkFromArgv(argv)));
  app.on('open-url', (event, url) => {
    event.preventDefault();
    handle(parseDeepLink(url));
  });
  const own = deepLinkFromArgv(options.argv);
  if (own) options.open(own);
  return true;
}

/**
 * Links can arrive before the page that routes them listens (a launch's own link, macOS open-url at launch): the
 * last one is kept until the page asks for it ('app.pendingLink', once its frame is mounted), so no timing of
 * 'ready-to-show' against the page's own start can drop it. Once the page has asked, later links go to it at once.
 */
export function createLinkRouter(navigate: (sessionId: string) => void, reveal: () => void) {
  let listening = false;
  let pending: DeepLink | null = null;
  return {
    open(link: DeepLink) {
      if (!listening) {
        pending = link;
        return;
      }
      reveal();
      navigate(link.sessionId);
    },
    /** Whether a link waits for the page (the window then shows even when starting hidden). */
    hasPending(): boolean {
      return pending !== null;
    },
    /** The page is ready to navigate: hands over the waiting link (once) and routes later ones directly. */
    take(): string | null {
      listening = true;
      const link = pending;
      pending = null;
      return link?.sessionId ?? null;
    },
  };
}
