// B10's agent workflow on the backend against the local PostgreSQL server (a throwaway database per run). Without a
// server the suite fails, saying how to start one (test/support/backend.ts).
import { defineWorkflowSuite } from './workflowSuite.ts';

defineWorkflowSuite('PostgreSQL', { postgres: true });
