// Renders the interface into #root (loaded by main.tsx once the start's questions are on their way).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { markStart } from './app/startMarks.ts';

markStart('code');

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
