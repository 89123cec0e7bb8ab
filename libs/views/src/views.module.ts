import { Global, Module } from '@nestjs/common';
import type nunjucks from 'nunjucks';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { createViewEnvironment } from './views.js';

export const VIEWS = Symbol('VIEWS');
export type Views = nunjucks.Environment;

/** Provides the Nunjucks environment (VIEWS) with the council's name as a global. */
@Global()
@Module({
  providers: [
    {
      provide: VIEWS,
      inject: [RATIFY_CONFIG],
      useFactory: (config: RatifyConfig) => createViewEnvironment({ councilName: config.council.name, publicUrl: config.publicUrl }),
    },
  ],
  exports: [VIEWS],
})
export class ViewsModule {}
