// Loaded by mocha before every suite (see .mocharc.json).
// More libuv threads: SQLite, argon2 and file I/O share the pool (4 by default) in one test process.
process.env.UV_THREADPOOL_SIZE ??= '16';
export {};
