// Issue 12's findings against PGlite (the embedded default).
import { defineHardeningSuite } from './hardeningSuite.ts';

defineHardeningSuite('PGlite', {});
