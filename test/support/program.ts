// A program started as people start it (a child process), with what it prints collected. Waiting is on the output
// itself: waitFor resolves when the line is there, whatever the order in which stdout and stderr chunks arrive, and
// `exited` resolves on 'close', after the last of the output has been read.
import { type ChildProcess, spawn } from 'node:child_process';

export interface Program {
  child: ChildProcess;
  /** Exit code (or the signal's name) once the process has ended and its output is all read. */
  exited: Promise<number | string | null>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  output(): string;
  /** Signals the program's whole process group, as Ctrl+C in a terminal does (needs `group: true`). */
  signal(signal: NodeJS.Signals): void;
}

export function startProgram(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; group?: boolean },
): Program {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: options.group ?? false,
  });
  let out = '';
  const waiters = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    out += chunk;
    for (const wake of waiters) wake();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let ended = false;
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('close', (code, signal) => {
      ended = true;
      for (const wake of waiters) wake();
      resolve(code ?? signal);
    }),
  );

  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(out);
        if (match) {
          done();
          resolve(match);
        } else if (ended) {
          done();
          reject(new Error(`exited before printing ${pattern}:\n${out}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${pattern}:\n${out}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  return {
    child,
    exited,
    waitFor,
    output: () => out,
    signal(signal) {
      if (child.pid === undefined || child.exitCode !== null) return;
      if (options.group) process.kill(-child.pid, signal);
      else child.kill(signal);
    },
  };
}

/** Resolves with the program's exit, or with 'still running' if it has not ended within `ms`. */
export function exitWithin(program: Program, ms: number): Promise<number | string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('still running'), ms);
  });
  return Promise.race([program.exited, late]).finally(() => clearTimeout(timer));
}
