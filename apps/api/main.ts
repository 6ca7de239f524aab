import { ConfigError, loadConfig } from '../../libs/common/src/index.js';
import { createApp } from './create-app.js';

async function main() {
  let running, config;
  try {
    config = loadConfig();
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
  // Closing the app and the database leaves nothing running, so the process ends by itself. A
  // failed close is left to reject unhandled: Node prints it and the process ends non-zero.
  const stop = () => void running.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
