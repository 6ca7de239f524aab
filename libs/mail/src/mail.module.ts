import { Global, Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../common/src/index.js';
import { Mailer } from './mailer.js';

export const MAIL_LOGGER = Symbol('MAIL_LOGGER');

/** The one Mailer of the app, built from SMTP_URL / MAIL_FROM / DATA_DIR. */
@Global()
@Module({})
export class MailModule implements OnModuleDestroy {
  constructor(@Inject(Mailer) private readonly mailer: Mailer) {}

  static forLogger(logger: Logger) {
    return {
      module: MailModule,
      providers: [
        {
          provide: Mailer,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => mailerFor(config, logger),
        },
      ],
      exports: [Mailer],
    };
  }

  onModuleDestroy(): void {
    this.mailer.close();
  }
}

/** Also used by the CLI, which sends the first administrator's invitation. */
export function mailerFor(config: AppConfig, logger: Logger): Mailer {
  return new Mailer({
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    // An in-memory database (tests) has no data folder: its outbox is the system's temporary one.
    outbox: config.DATA_DIR === ':memory:' ? join(tmpdir(), 'safer-libraries-outbox') : join(config.DATA_DIR, 'outbox'),
    logger: logger.child({ component: 'mail' }),
  });
}
