// B2's message search route against PGlite (the embedded default).
import { defineMessageSearchSuite } from './messageSearchSuite.ts';

defineMessageSearchSuite('PGlite', {});
