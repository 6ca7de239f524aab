import cluster, { type Worker } from 'node:cluster';
import { createServer } from 'node:net';

/**
 * API_WORKERS > 1: several Node processes answer on one port (node:cluster hands each connection
 * to one of them). The first worker starts alone, so migrations and the demo seed run once; the
 * others start when it listens. A worker that dies after it started is replaced; one that dies
 * before it listens (no database, say) stops the rest, as a single process would end. SIGINT and
 * SIGTERM stop every worker, and the primary ends when the last one has closed. PORT=0 (any free
 * port) is chosen here, once: workers asking for port 0 each may be given a port of their own.
 */
export async function runWorkers(count: number, host: string, port: number): Promise<void> {
  const env = { PORT: String(port || (await freePort(host))) };
  let stopping = false;
  const listening = new WeakSet<Worker>();
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  const fork = (): Worker => {
    const worker = cluster.fork(env);
    worker.once('listening', () => listening.add(worker));
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (!listening.has(worker)) {
      console.error(`An API worker ended before it started (${signal ?? code}); stopping`);
      process.exitCode = 1;
      return stop();
    }
    console.error(`API worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    fork();
  });
  fork().once('listening', () => {
    for (let i = 1; i < count; i++) fork();
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
