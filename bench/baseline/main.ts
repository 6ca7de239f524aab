/**
 * The baseline as a process (bench/run.ts starts it beside the service): DATABASE_URL (for the
 * embedded database, the address the service serves its data folder on), JWT_SECRET and the
 * sign-in settings as the service reads them, PORT (0: any free one), BASELINE_POOL_SIZE.
 * Prints `baseline listening on <url>` once it answers.
 */
import { startBaseline } from './server.js';

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  const jwtSecret = process.env.JWT_SECRET;
  if (!databaseUrl || !jwtSecret) throw new Error('the baseline needs DATABASE_URL and JWT_SECRET');
  const running = await startBaseline(
    { databaseUrl, jwtSecret, poolSize: Number(process.env.BASELINE_POOL_SIZE ?? 10), env: process.env },
    Number(process.env.PORT ?? 0),
    process.env.HOST ?? '127.0.0.1',
  );
  console.log(`baseline listening on ${running.url}`);
  const stop = () => void running.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
