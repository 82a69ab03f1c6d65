// B2's message search route against the local PostgreSQL server (a throwaway database per run). Without a server
// the suite fails, saying how to start one (test/support/backend.ts).
import { defineMessageSearchSuite } from './messageSearchSuite.ts';

defineMessageSearchSuite('PostgreSQL', { postgres: true });
