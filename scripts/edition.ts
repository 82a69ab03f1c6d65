// Which edition `npm start` runs. The desktop window needs Electron's own binary, which Electron fetches from outside
// the npm registry the first time it is asked for; where that cannot happen the same app runs as the web edition,
// unless the person insisted on the window (`npm start -- --desktop` or CHATDESK_DESKTOP=1).
import { spawnSync } from 'node:child_process';

export type EditionChoice =
  | { edition: 'desktop'; electronPath: string }
  | { edition: 'web'; reason: string }
  | { edition: 'none'; reason: string };

export interface ElectronProbe {
  path: string | null;
  /** Electron's own words when the binary is missing (the first line of its error). */
  error: string;
}

export function insistsOnDesktop(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  const flag = env.CHATDESK_DESKTOP;
  return argv.includes('--desktop') || flag === '1' || flag === 'true';
}

export function chooseEdition(probe: ElectronProbe, insistDesktop: boolean): EditionChoice {
  if (probe.path) return { edition: 'desktop', electronPath: probe.path };
  const reason = `Electron’s window cannot open here: its binary is not installed and could not be fetched (${probe.error}).`;
  return insistDesktop ? { edition: 'none', reason } : { edition: 'web', reason };
}

/** Asks the electron package for its binary's path in a child Node (its entry fetches the binary on first use and
 * throws when it cannot), so a failed fetch cannot leave anything behind in this process. */
export function probeElectron(cwd: string): ElectronProbe {
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (probe.status === 0 && probe.stdout) return { path: probe.stdout.trim(), error: '' };
  // The first error Electron's installer printed says why ("fetch failed", a DNS error…); its stack is noise.
  const first = /(?:^|\n)\s*\w*Error: ([^\n]+)/.exec(probe.stderr ?? '')?.[1]?.trim();
  return { path: null, error: first ? first.slice(0, 160) : probe.error ? probe.error.message : 'no binary' };
}
