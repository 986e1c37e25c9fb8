// Entry of a ThreadPool thread (geo/threads.ts): registers tsx's loader (a TypeScript file cannot be a Worker's
// entry under tsx 4 on Node 20), makes the handler from workerData once, then answers each message in turn.
require('tsx/cjs');
const { parentPort, workerData } = require('node:worker_threads');

const factory = require(workerData.module)[workerData.exportName];
if (typeof factory !== 'function') throw new Error(`${workerData.module} has no ${workerData.exportName}`);
const handler = factory(workerData.data);
parentPort.on('message', (request) => {
  try {
    parentPort.postMessage({ ok: true, value: handler(request) });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
