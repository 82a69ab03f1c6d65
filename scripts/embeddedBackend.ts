// The backend the launchers use: the one named by CHATDESK_BACKEND_URL, or the reference backend started in this
// process on its embedded default (PGlite in CHATDESK_DATA_DIR) with demo data.
import { resolve } from 'node:path';

export interface EmbeddedBackend {
  url: string;
  demoAccount: { email: string; password: string } | null;
  close(): Promise<void>;
}

export async function startEmbeddedBackend(): Promise<EmbeddedBackend> {
  const external = process.env.CHATDESK_BACKEND_URL;
  if (external) return { url: external, demoAccount: null, close: async () => {} };
  const { startServer } = await import('../src/server/app.ts');
  const { passwordCostFromEnv } = await import('../src/server/auth.ts');
  const password = process.env.CHATDESK_DEMO_PASSWORD ?? 'demo-password';
  const server = await startServer({
    dataDir: resolve(process.env.CHATDESK_DATA_DIR ?? '.chatdesk/server'),
    databaseUrl: process.env.DATABASE_URL,
    host: process.env.HOST ?? '127.0.0.1',
    port: Number(process.env.PORT ?? 4000),
    demo: true,
    demoPassword: password,
    passwordCost: passwordCostFromEnv(process.env.CHATDESK_PASSWORD_COST),
  });
  return { url: server.url, demoAccount: { email: 'admin@demo.chatdesk', password }, close: () => server.close() };
}
