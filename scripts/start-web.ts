// `npm run start:web` (after the build the npm script runs): the web edition on the embedded default.
import { runWebEdition } from './webEdition.ts';

await runWebEdition();
