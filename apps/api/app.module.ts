import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TerminusModule } from '@nestjs/terminus';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { AccessModule, AuthService, buildRequestContext } from '../../libs/access/src/index.js';
import { AlarmsModule } from '../../libs/alarms/src/index.js';
import { CasesModule } from '../../libs/cases/src/index.js';
import { AppConfigModule, type AppConfig, DateTimeScalar, type LoaderRegistry } from '../../libs/common/src/index.js';
import { DatabaseModule, type OpenDatabase } from '../../libs/database/src/index.js';
import { AuditService, GovernanceModule } from '../../libs/governance/src/index.js';
import { DataProtectionModule } from '../../libs/governance/src/engines.js';
import { EventsModule } from '../../libs/events/src/index.js';
import { MailModule } from '../../libs/mail/src/index.js';
import { NotificationsModule } from '../../libs/notifications/src/index.js';
import { PartnersModule } from '../../libs/partners/src/index.js';
import { ReferralsModule } from '../../libs/referrals/src/index.js';
import { ReportsModule } from '../../libs/reports/src/index.js';
import { SharingModule } from '../../libs/sharing/src/index.js';
import { TenancyModule } from '../../libs/tenancy/src/index.js';
import { auditFlush } from './audit-flush.js';
import { formatError } from './graphql-errors.js';
import { HealthController } from './health.controller.js';
import { graphqlLimits, requestLimits } from './request-limits.js';
import { liveServerOptions } from './live-server.js';
import { operationTypeGuard, unstorableTextGuard } from './input-guard.js';

/** Wiring only: every capability lives in a lib. */
@Module({})
export class AppModule {
  static create(config: AppConfig, db: OpenDatabase, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        DatabaseModule.forDatabase(db),
        GovernanceModule,
        MailModule.forLogger(logger),
        EventsModule,
        NotificationsModule,
        AccessModule,
        TenancyModule,
        PartnersModule,
        CasesModule,
        ReferralsModule,
        SharingModule,
        ReportsModule,
        AlarmsModule,
        DataProtectionModule,
        TerminusModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [AuthService, AuditService, getDataSourceToken()],
          useFactory: (auth: AuthService, audit: AuditService, dataSource: DataSource) => {
            const figures = requestLimits(config);
            const limits = graphqlLimits(figures);
            const errors = formatError(logger, { hideSuggestions: !config.introspection });
            return {
              autoSchemaFile: true,
              sortSchema: true,
              // A field typed Date with no explicit type would otherwise get @nestjs/graphql's lenient DateTime.
              buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
              // Our own GraphiQL page (playground.ts), mounted when config.playground says so.
              playground: false,
              introspection: config.introspection,
              ...limits,
              // Unstorable text, and an operation type the schema has not, are refused before anything else looks at the operation.
              // Cache control off: nothing here gives cache hints or may be cached (every read is audited),
              // and the plugin wraps every field's resolver to look for them.
              plugins: [
                unstorableTextGuard,
                operationTypeGuard,
                ...limits.plugins,
                ApolloServerPluginCacheControlDisabled(),
                // A request's reads, audited in one statement before it answers.
                auditFlush(audit, dataSource, errors),
              ],
              includeStacktraceInErrorResponses: false,
              formatError: errors,
              context: async ({ req }: { req: Request }) => ({ ...(await buildRequestContext(req, auth)), loaders: new Map() as LoaderRegistry }),
              // Subscriptions over WebSocket at the same path (live-server.ts): signed in with connectionParams, under the same limits.
              subscriptions: { 'graphql-ws': liveServerOptions(auth, config, { ...figures, validationRules: limits.validationRules }, errors) as never },
            };
          },
        }),
      ],
      controllers: [HealthController],
    };
  }
}
