// What B9's sanctions do to the participant (a warning's system messages, a ban's revoked tokens), against the local
// PostgreSQL server (a throwaway database per run). Without a server the suite fails, saying how to start one.
import { defineSanctionEffectsSuite } from './sanctionEffectsSuite.ts';

defineSanctionEffectsSuite('PostgreSQL', { postgres: true });
