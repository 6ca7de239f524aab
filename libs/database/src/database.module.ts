import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { OpenDatabase } from './database.js';

/** Hands an already-opened (and migrated) DataSource to Nest; the app closes it on shutdown. */
@Global()
@Module({})
export class DatabaseModule {
  static forDatabase(db: OpenDatabase): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => db.dataSource.options,
          dataSourceFactory: async () => db.dataSource,
        }),
      ],
    };
  }
}
