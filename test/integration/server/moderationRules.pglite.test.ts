// B9's moderation rules on the backend against PGlite (the embedded default).
import { defineModerationRulesSuite } from './moderationRulesSuite.ts';

defineModerationRulesSuite('PGlite', {});
