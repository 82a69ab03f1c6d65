// B10's bulk snooze on the backend against PGlite (the embedded default).
import { defineBulkSnoozeSuite } from './bulkSnoozeSuite.ts';

defineBulkSnoozeSuite('PGlite', {});
