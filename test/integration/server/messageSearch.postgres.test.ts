// B2's message search route against the local PostgreSQL server (a throwaway database per run). When no server
// answers at 127.0.0.1:5432 the suite is reported as skipped with that reason, never as passed.
import { describe, it } from 'vitest';
import { postgresReachable } from '../../support/backend.ts';
import { defineMessageSearchSuite } from './messageSearchSuite.ts';

if (await postgresReachable()) {
  defineMessageSearchSuite('PostgreSQL', { postgres: true });
} else {
  describe('message search (B2) on PostgreSQL', () => {
    it.skip('SKIPPED: no PostgreSQL server reachable at 127.0.0.1:5432 (set CHATDESK_TEST_PG_URL)', () => {});
  });
}
