import cluster from 'node:cluster';
import { ConfigError, loadConfig } from '../../libs/common/src/index.js';
import { createApp } from './create-app.js';
import { runWorkers } from './workers.js';

async function main() {
  let running, config;
  try {
    config = loadConfig();
    // API_WORKERS > 1: this process only starts and watches the workers, each of which runs main() as one.
    if (config.API_WORKERS > 1 && cluster.isPrimary) return await runWorkers(config.API_WORKERS, config.HOST, config.PORT);
    running = await createApp(config);
  } catch (err) {
    // A setting to fix, or a data folder another process holds: say so, without a stack trace.
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
  running.logger.info({ graphql: `${running.url}/graphql`, embedded: running.db.embedded }, 'Safer Libraries is ready');
  console.log(
    `\nSafer Libraries GraphQL endpoint: ${running.url}/graphql\n` +
      (config.playground ? `Playground:                       ${running.url}/playground\n` : '') +
      `Health:                           ${running.url}/health\n`,
  );
  // Closing the app and the database leaves nothing running, so the process ends by itself (a
  // worker also lets go of its channel to the primary). A failed close is left to reject
  // unhandled: Node prints it and the process ends non-zero.
  const stop = () => void running.close().then(() => cluster.isWorker && process.disconnect());
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
