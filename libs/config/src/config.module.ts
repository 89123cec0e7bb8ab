import { Global, Module } from '@nestjs/common';
import { loadConfig, type RatifyConfig } from './config.js';

export const RATIFY_CONFIG = Symbol('RATIFY_CONFIG');

/** Provides the parsed RatifyConfig; tests pass their own with `ConfigModule.with(config)`. */
@Global()
@Module({})
export class ConfigModule {
  static with(config: RatifyConfig = loadConfig()) {
    return { module: ConfigModule, providers: [{ provide: RATIFY_CONFIG, useValue: config }], exports: [RATIFY_CONFIG] };
  }
}
