import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createSecretKey } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../common/src/index.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthResolver } from './auth/auth.resolver.js';
import { AuthService } from './auth/auth.service.js';
import { createThrottleStore, THROTTLE_STORE } from './auth/throttle-store.js';
import { AccessScopes } from './scope/access-scopes.js';
import { RefusalAuditInterceptor } from './scope/refusal-audit.interceptor.js';
import { SqlConditions } from './scope/sql-conditions.js';
import { UsersService } from './users/users.service.js';
import { AccountResolver } from './auth/account.resolver.js';
import { TwoFactorEnrolmentService } from './auth/two-factor-enrolment.service.js';
import { AccountLinksService } from './users/account-links.service.js';
import { UserAdministrationService } from './users/user-admin.service.js';
import { UsersResolver } from './users/users.resolver.js';
import { LiveStreams } from './live/live-stream.js';
import { LiveAuditBatch } from './live/live-audit.js';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, made once: given the secret as a string, jsonwebtoken first tries (and fails) to
      // parse it as a public key on every verify.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.JWT_SECRET!)),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [
    { provide: THROTTLE_STORE, inject: [APP_CONFIG, getDataSourceToken()], useFactory: (config: AppConfig, db: DataSource) => createThrottleStore(config, db) },
    AuthService,
    UsersService,
    AuthResolver,
    AccountLinksService,
    AccountResolver,
    TwoFactorEnrolmentService,
    UserAdministrationService,
    UsersResolver,
    { provide: APP_GUARD, useClass: AuthGuard },
    // Every NOT_FOUND / FORBIDDEN a signed-in user is answered is audited as REFUSED.
    { provide: APP_INTERCEPTOR, useClass: RefusalAuditInterceptor },
    // One registry per app: each context registers its SQL conditions into it at start-up (onModuleInit).
    { provide: SqlConditions, useFactory: () => new SqlConditions() },
    AccessScopes,
    LiveStreams,
    LiveAuditBatch,
  ],
  exports: [AuthService, UsersService, AccountLinksService, SqlConditions, AccessScopes, LiveStreams],
})
export class AccessModule {}
