// B10's bulk snooze on the backend against the local PostgreSQL server (a throwaway database per run).
import { defineBulkSnoozeSuite } from './bulkSnoozeSuite.ts';

defineBulkSnoozeSuite('PostgreSQL', { postgres: true });
