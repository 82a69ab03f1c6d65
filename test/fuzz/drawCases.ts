// Draws every route's bad requests in a worker thread (see fuzz.test.ts): a generator whose filter refuses every
// candidate loops without end, and only another thread can stop it and name the route it was drawing.
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { caseArbitrary, type RouteModel } from './apiCases.ts';

const { routes, seeds, runs } = workerData as { routes: RouteModel[]; seeds: number[]; runs: number };
const someId = () => '6f1c1c52-0d1e-4c1a-9d3e-2f4b5a6c7d8e';
let drawn = 0;
for (const route of routes) {
  parentPort?.postMessage({ drawing: route.id });
  const arbitrary = caseArbitrary(route, someId);
  for (const seed of seeds) drawn += fc.sample(arbitrary, { numRuns: runs, seed }).length;
}
parentPort?.postMessage({ drawn });
