// What B9's sanctions do to the participant (a warning's system messages, a ban's revoked tokens), against PGlite.
import { defineSanctionEffectsSuite } from './sanctionEffectsSuite.ts';

defineSanctionEffectsSuite('PGlite', {});
