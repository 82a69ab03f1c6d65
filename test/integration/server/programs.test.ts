// `npm run server` and `npm run simulate` as programs: the server starts on PGlite in a data folder with demo data,
// prints where it listens and the demo accounts, the simulator talks through it, SIGTERM stops it cleanly, and a
// restart on the same folder keeps the data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exitWithin, type Program, startProgram as start } from '../../support/program.ts';

const root = resolve(import.meta.dirname, '../../..');
const children: Program[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'chatdesk-server-'));

afterAll(() => {
  for (const program of children) program.signal('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function startProgram(script: string, args: string[], env: Record<string, string>): Program {
  const program = start(process.execPath, [script, ...args], { cwd: root, env });
  children.push(program);
  return program;
}

describe('npm run server / npm run simulate', () => {
  // Two starts of a PGlite backend with demo data: over a minute on a loaded 2-core machine.
  it('serves demo data on PGlite, carries simulated traffic, stops on SIGTERM and keeps its data', {
    timeout: 300_000,
  }, async () => {
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      CHATDESK_DATA_DIR: dataDir,
      CHATDESK_DEMO: '1',
      CHATDESK_DEMO_PASSWORD: 'pw-for-test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      // scrypt at production's 2^17 costs seconds per sign-in on a loaded machine; the simulator signs in ten.
      CHATDESK_PASSWORD_COST: '10',
    };
    const server = startProgram('src/server/main.ts', [], env);
    const url = (await server.waitFor(/backend on (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/, 120_000))[1] as string;
    // Each line is waited for itself: the lines after the address may arrive in a later chunk.
    await server.waitFor(/admin\s+admin@demo\.chatdesk/);
    await server.waitFor(/password "pw-for-test"/);

    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'agent@demo.chatdesk', password: 'pw-for-test' }),
    });
    const { token } = (await login.json()) as { token: string };
    const count = async () =>
      (
        (await (
          await fetch(`${url}/api/v1/admin/changes?after=0&limit=5000`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as { events: Array<{ type: string }> }
      ).events.filter((e) => e.type === 'message.created').length;
    expect(await count()).toBe(0);

    const sim = startProgram(
      'src/server/simulate.ts',
      [
        '--url',
        url,
        '--rate',
        '20',
        '--turns',
        '20',
        '--customers',
        '5',
        '--sellers',
        '5',
        '--password',
        'pw-for-test',
        '--quiet',
      ],
      {},
    );
    expect(await sim.exited, sim.output()).toBe(0);
    const stats = JSON.parse((/done: (\{.*\})/.exec(sim.output()) as RegExpExecArray)[1] as string) as Record<
      string,
      number
    >;
    expect(stats.errors).toBe(0);
    expect((stats.customerMessages ?? 0) + (stats.sellerMessages ?? 0)).toBe(20);
    expect(await count()).toBe((stats.customerMessages ?? 0) + (stats.sellerMessages ?? 0));

    server.signal('SIGTERM');
    // Stopped by the deadline at the latest: 0 once the graceful stop is done, 1 when the deadline forced it.
    expect([0, 1]).toContain(await exitWithin(server, 5000));
    expect(server.output()).toContain('SIGTERM: stopping');

    const again = startProgram('src/server/main.ts', [], env);
    const url2 = (await again.waitFor(/backend on (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/, 120_000))[1] as string;
    await again.waitFor(/already has data/);
    const relog = await fetch(`${url2}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'agent@demo.chatdesk', password: 'pw-for-test' }),
    });
    expect(relog.status).toBe(200);
    again.signal('SIGINT');
    // Stopped by the deadline at the latest: 0 once the graceful stop is done, 1 when the deadline forced it.
    expect([0, 1]).toContain(await exitWithin(again, 5000));
  });

  it('refuses a bad PORT with a clear message', async () => {
    const bad = startProgram('src/server/main.ts', [], { PORT: 'eighty', CHATDESK_DATA_DIR: dataDir });
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain('PORT must be a port number');
  });
});
