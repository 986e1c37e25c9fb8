/**
 * JOBS=inline: `npm start` runs the job runner in a child process it supervises (`node --import tsx
 * server/worker.ts`), so no job's CPU work ever runs on the web server's event loop. The child is started
 * again if it dies (after 1 s, doubling up to 30 s while it keeps dying young) and is stopped with SIGTERM
 * when the web process stops: it then stops claiming and finishes or gives back its job.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';
import type { Logger } from '../lib/logger';

export interface SupervisedWorker {
  /** The running child's pid, if any. */
  pid(): number | undefined;
  stop(): Promise<void>;
}

export function superviseWorker(logger: Logger, env: NodeJS.ProcessEnv = process.env): SupervisedWorker {
  let child: ChildProcess | null = null;
  let stopping = false;
  let delayMs = 1_000;
  let restart: NodeJS.Timeout | null = null;

  const start = () => {
    const startedAt = Date.now();
    child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'server', 'worker.ts')], {
      cwd: PROJECT_ROOT,
      env,
      // The IPC channel closes when this process dies, however it dies: the child then stops (worker.ts).
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('exit', (code, signal) => {
      child = null;
      if (stopping) return;
      delayMs = Date.now() - startedAt > 60_000 ? 1_000 : Math.min(delayMs * 2, 30_000);
      logger.error({ code, signal, restartInMs: delayMs }, 'job worker exited; starting it again');
      restart = setTimeout(start, delayMs);
    });
  };
  start();

  return {
    pid: () => child?.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (restart) clearTimeout(restart);
        const c = child;
        if (!c) return resolve();
        const kill = setTimeout(() => c.kill('SIGKILL'), 30_000);
        c.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        c.kill('SIGTERM');
      }),
  };
}
