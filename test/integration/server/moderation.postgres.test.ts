// B9's moderation workspace on the backend against the local PostgreSQL server (a throwaway database per run).
// Without a server the suite fails, saying how to start one (test/support/backend.ts).
import { defineModerationSuite } from './moderationSuite.ts';

defineModerationSuite('PostgreSQL', { postgres: true });
