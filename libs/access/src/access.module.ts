import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../common/src/index.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthResolver } from './auth/auth.resolver.js';
import { AuthService } from './auth/auth.service.js';
import { AccessScopes } from './scope/access-scopes.js';
import { SqlConditions } from './scope/sql-conditions.js';
import { UsersService } from './users/users.service.js';

@Global()
@Module({
  imports: [JwtModule.registerAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
  })],
  providers: [
    AuthService, UsersService, AuthResolver, { provide: APP_GUARD, useClass: AuthGuard },
    // One registry per app: each context registers its SQL conditions into it at start-up (onModuleInit).
    { provide: SqlConditions, useFactory: () => new SqlConditions() }, AccessScopes,
  ],
  exports: [AuthService, UsersService, SqlConditions, AccessScopes],
})
export class AccessModule {}
