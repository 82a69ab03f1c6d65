// B9's moderation workspace on the backend against PGlite (the embedded default).
import { defineModerationSuite } from './moderationSuite.ts';

defineModerationSuite('PGlite', {});
