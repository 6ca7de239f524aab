import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Express, Request } from 'express';
import { pinoHttp } from 'pino-http';
import type { DestinationStream, Logger } from 'pino';
import { clientRequestIdOf } from '../../libs/access/src/index.js';
import { type AppConfig, trustProxy, withTenantSlot } from '../../libs/common/src/index.js';
import { openDatabase, type EmbeddedStartOptions, type OpenDatabase } from '../../libs/database/src/index.js';
import { AppModule } from './app.module.js';
import { ALL_ENTITIES } from './entities.js';
import { admission } from './admission.js';
import { applyCors, applySecurityHeaders } from './http-security.js';
import { createLogger, PinoNestLogger } from './logger.js';
import { mountAccountPage } from './account-page.js';
import { mountPlayground } from './playground.js';
import { mountWebApp } from './web-app.js';
import { demoSeedLevel, seedDemo } from './seed/demo-seed.js';
import { validationPipe } from './validation.js';

export interface RunningApp {
  app: INestApplication;
  db: OpenDatabase;
  url: string;
  logger: Logger;
  close(): Promise<void>;
}

/** Opens the database (migrated), seeds the demo when asked, and serves HTTP. Used by main.ts and the e2e tests. */
export async function createApp(
  config: AppConfig,
  port = config.PORT,
  logDestination?: DestinationStream,
  embedded: EmbeddedStartOptions = {},
): Promise<RunningApp> {
  const logger = createLogger(config.LOG_LEVEL, logDestination);
  const db = await openDatabase(config, ALL_ENTITIES, embedded);
  const seedLevel = demoSeedLevel(config, db);
  if (seedLevel) await seedDemo(db.dataSource, logger, seedLevel);
  const app = await NestFactory.create(AppModule.create(config, db, logger), { logger: new PinoNestLogger(logger.child({ component: 'nest' })) });
  // Sign-in limits per IP need the client's address, not the proxy's: believe only the proxies named.
  if (config.TRUST_PROXY) (app.getHttpAdapter().getInstance() as Express).set('trust proxy', trustProxy(config.TRUST_PROXY));
  applySecurityHeaders(app);
  applyCors(app, config.CORS_ORIGINS);
  app.use(
    pinoHttp({
      logger,
      // The server's own id, never the client's: a client must not choose what the logs and the audit
      // trail call its request. The client's well-formed X-Request-Id is kept beside it.
      genReqId: (_req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: Request) => ({ id: req.id, clientRequestId: clientRequestIdOf(req) ?? undefined, method: req.method, url: req.url }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  // Each request gets its own tenant slot, filled once its user is known (after the body is read:
  // a parser's callbacks would otherwise run outside it). See libs/common/src/tenant.ts.
  // A few GraphQL requests at a time (REQUEST_CONCURRENCY); the rest queue, up to REQUEST_QUEUE_MAX.
  app.use('/graphql', admission(config.REQUEST_CONCURRENCY, config.REQUEST_QUEUE_MAX));
  app.use((_req: unknown, _res: unknown, next: () => void) => withTenantSlot(next));
  app.useGlobalPipes(validationPipe);
  if (config.playground) mountPlayground(app.getHttpAdapter().getInstance() as Express, logger);
  mountAccountPage(app.getHttpAdapter().getInstance() as Express);
  mountWebApp(app.getHttpAdapter().getInstance() as Express, logger);
  await app.listen(port, config.HOST);
  const address = app.getHttpServer().address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : port}`;
  return {
    app,
    db,
    url,
    logger,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
