// Imported first by the entry. libuv sizes its thread pool (which runs every async fs call) from
// UV_THREADPOOL_SIZE when the pool is first used; the default of 4 leaves a build that reads and
// checks thousands of small files waiting on the pool. A value set by the user wins.
process.env.UV_THREADPOOL_SIZE ??= "16";
