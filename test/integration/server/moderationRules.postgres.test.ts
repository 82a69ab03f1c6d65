// B9's moderation rules on the backend against the local PostgreSQL server (a throwaway database per run), with a
// second backend instance on the same database. Without a server the suite fails, saying how to start one.
import { defineModerationRulesSuite } from './moderationRulesSuite.ts';

defineModerationRulesSuite('PostgreSQL', { postgres: true });
