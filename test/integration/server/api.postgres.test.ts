// The backend's routes against the local PostgreSQL server (a throwaway database per run). Without a server the
// suite fails, saying how to start one (test/support/backend.ts).
import { defineApiSuite } from './apiSuite.ts';

defineApiSuite('PostgreSQL', { postgres: true });
