// The backend's routes against the local PostgreSQL server (a throwaway database per run). When no server answers
// at 127.0.0.1:5432 the suite is reported as skipped with that reason, never as passed.
import { describe, it } from 'vitest';
import { postgresReachable } from '../../support/backend.ts';
import { defineApiSuite } from './apiSuite.ts';

if (await postgresReachable()) {
  defineApiSuite('PostgreSQL', { postgres: true });
} else {
  describe('backend API on PostgreSQL', () => {
    it.skip('SKIPPED: no PostgreSQL server reachable at 127.0.0.1:5432 (set CHATDESK_TEST_PG_URL)', () => {});
  });
}
