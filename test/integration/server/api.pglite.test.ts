// The backend's routes against PGlite (the embedded default).
import { defineApiSuite } from './apiSuite.ts';

defineApiSuite('PGlite', {});
