// B10's agent workflow on the backend against PGlite (the embedded default).
import { defineWorkflowSuite } from './workflowSuite.ts';

defineWorkflowSuite('PGlite', {});
