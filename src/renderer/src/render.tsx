// Renders the interface into #root (loaded by main.tsx once the start's questions are on their way).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, prepareBoot } from './App.tsx';
import { markStart } from './app/startMarks.ts';
import { awaitStart } from './app/startQueries.ts';

markStart('code');
// The start's answers are usually in by now or nearly: waiting a moment for them makes the first render the frame
// itself rather than a loading screen rendered, then replaced.
await awaitStart(200);
prepareBoot();

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
