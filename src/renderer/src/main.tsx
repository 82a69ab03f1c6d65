// The page's first script: it asks the core the start's questions at once, then loads the interface, which finds
// the answers there or on their way (the big script's download and evaluation overlap the core's work).
import { markStart } from './app/startMarks.ts';
import { startQueries } from './app/startQueries.ts';

markStart('script');
startQueries();
void import('./render.tsx');
