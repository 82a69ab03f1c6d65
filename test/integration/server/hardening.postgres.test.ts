// Issue 12's findings against the local PostgreSQL server (a throwaway database per run).
import { defineHardeningSuite } from './hardeningSuite.ts';

defineHardeningSuite('PostgreSQL', { postgres: true });
