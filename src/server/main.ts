// `npm run server`: the marketplace backend alone. PORT (4000), HOST (127.0.0.1), DATABASE_URL (else PGlite in
// CHATDESK_DATA_DIR, default ./.chatdesk/server), CHATDESK_DEMO=1 (+ CHATDESK_DEMO_PASSWORD), LOG_LEVEL, and
// CHATDESK_ADMIN_EMAIL + CHATDESK_ADMIN_PASSWORD to create the first admin of a database without staff accounts,
// CHATDESK_TRUST_PROXY behind a load balancer (loginThrottle.ts), CHATDESK_PASSWORD_COST (scrypt log2 N, default 17;
// lower only for tests and throwaway demos).
import { resolve } from 'node:path';
import { startServer } from './app.ts';
import { passwordCostFromEnv } from './auth.ts';
import { trustProxyFromEnv } from './loginThrottle.ts';
import { exitPromptlyOnSignals } from './shutdown.ts';

const env = process.env;
const demoOn = env.CHATDESK_DEMO === '1' || env.CHATDESK_DEMO === 'true';
const port = Number(env.PORT ?? 4000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got ${env.PORT}`);
  process.exit(2);
}

let passwordCost: number | undefined;
let trustProxy: string[] | undefined;
try {
  passwordCost = passwordCostFromEnv(env.CHATDESK_PASSWORD_COST);
  trustProxy = trustProxyFromEnv(env.CHATDESK_TRUST_PROXY);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const server = await startServer({
  databaseUrl: env.DATABASE_URL || undefined,
  dataDir: resolve(env.CHATDESK_DATA_DIR ?? '.chatdesk/server'),
  port,
  host: env.HOST ?? '127.0.0.1',
  demo: demoOn,
  demoPassword: env.CHATDESK_DEMO_PASSWORD ?? 'demo-password',
  logger: (env.LOG_LEVEL as 'info' | undefined) ?? 'info',
  trustProxy,
  passwordCost,
  bootstrapAdmin:
    env.CHATDESK_ADMIN_EMAIL && env.CHATDESK_ADMIN_PASSWORD
      ? { email: env.CHATDESK_ADMIN_EMAIL, password: env.CHATDESK_ADMIN_PASSWORD }
      : undefined,
});

const where = env.DATABASE_URL
  ? 'PostgreSQL (DATABASE_URL)'
  : `PGlite in ${resolve(env.CHATDESK_DATA_DIR ?? '.chatdesk/server')}`;
console.log(`Chat Desk backend on ${server.url}/api/v1 — ${where}`);
console.log(`OpenAPI: ${server.url}/api/v1/openapi.json`);
if (server.demo) {
  console.log(`Demo data created. Staff accounts (password "${server.demo.password}"):`);
  for (const s of server.demo.staff) console.log(`  ${s.role.padEnd(9)} ${s.email}`);
  console.log('Customers customer1..60@demo.chatdesk and sellers seller1..20@demo.chatdesk use the same password.');
} else if (demoOn) {
  console.log(
    'Demo mode: the database already has data, nothing was added (staff: admin|manager|moderator|agent@demo.chatdesk).',
  );
}

exitPromptlyOnSignals({ stop: () => server.close() });
