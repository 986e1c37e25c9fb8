/**
 * A few worker threads each running one handler (a module's factory export, made once per thread from
 * structured-clonable data), each request to the least busy thread; replies come back to each request's
 * promise. For CPU work that must not run on the calling thread (the full scans, SPEC §4.5 and §9).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** What a thread loads: `require(module)[exportName](data)` gives its handler, `(request) => reply`. */
export interface ThreadHandlerSpec {
  /** Absolute path of the module. */
  module: string;
  exportName: string;
  data: unknown;
}

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

const ENTRY = path.join(__dirname, 'thread-entry.cjs');

export class ThreadPool<Req, Res> {
  private readonly workers: Worker[];
  private readonly waiting: { resolve: (v: Res) => void; reject: (e: Error) => void }[][];
  private failed: Error | null = null;

  constructor(spec: ThreadHandlerSpec, threads: number) {
    this.workers = Array.from({ length: Math.max(1, threads) }, () => new Worker(ENTRY, { workerData: spec }));
    this.waiting = this.workers.map(() => []);
    this.workers.forEach((w, k) => {
      w.on('message', (m: Reply) => {
        const next = this.waiting[k]?.shift();
        if (!next) return;
        if (m.ok) next.resolve(m.value as Res);
        else next.reject(new Error(`thread: ${m.error}`));
      });
      w.on('error', (e: Error) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`thread exited with ${code}`));
      });
    });
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const list of this.waiting) for (const p of list.splice(0)) p.reject(e);
  }

  /**
   * The handler's reply to `request`, from the thread with the fewest requests waiting (the first such: a free
   * one when there is one). Each thread answers its requests in order.
   */
  run(request: Req): Promise<Res> {
    if (this.failed) return Promise.reject(this.failed);
    let k = 0;
    this.waiting.forEach((list, i) => {
      if (list.length < (this.waiting[k]?.length ?? 0)) k = i;
    });
    return new Promise<Res>((resolve, reject) => {
      this.waiting[k]?.push({ resolve, reject });
      this.workers[k]?.postMessage(request);
    });
  }

  async close(): Promise<void> {
    this.failed ??= new Error('the threads are closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
