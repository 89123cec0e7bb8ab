import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { openDatabase } from './data-source.js';
import { TransactionRunner } from './transaction-runner.js';

/** Connects to PostgreSQL and applies migrations before anything else starts. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [RATIFY_CONFIG],
      useFactory: (config: RatifyConfig) => {
        if (!config.databaseUrl) throw new Error('DATABASE_URL is not set (npm start sets it for its embedded PostgreSQL)');
        return openDatabase({ url: config.databaseUrl, schema: config.databaseSchema, poolSize: config.databasePoolSize });
      },
    },
    TransactionRunner,
  ],
  exports: [DataSource, TransactionRunner],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown() {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
