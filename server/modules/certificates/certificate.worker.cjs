// Entry of the certificate worker thread (certificate.render.ts): a TypeScript file cannot be a Worker's entry
// under tsx 4 on Node 20, so this registers tsx's loader, then loads the worker itself.
require('tsx/cjs');
require('./certificate.worker.ts');
