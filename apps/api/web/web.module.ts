import { Inject, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { DecisionsModule } from '#libs/decisions';
import { decisionMachine } from '#libs/lifecycle';
import { ImportModule } from '#libs/import';
import { NotificationsModule } from '#libs/notifications';
import { RegisterModule } from '#libs/register';
import { StaffingModule } from '#libs/staffing';
import { StatechartRenderer } from '#libs/web';
import { ActionPagesController } from './action-pages.controller.js';
import { ArrangementPagesController } from './arrangement-pages.controller.js';
import { DecisionPagesController } from './decision-pages.controller.js';
import { DraftingController } from './drafting.controller.js';
import { ImportPagesController } from './import-pages.controller.js';
import { importUpload } from './import-upload.js';
import { MyWorkController } from './my-work.controller.js';
import { OidcClient } from './oidc.client.js';
import { PageRenderer } from './page-renderer.js';
import { RegisterPagesController } from './register-pages.controller.js';
import { SignInController } from './sign-in.controller.js';
import { webSessionMiddleware } from './web-session.js';

// DraftingController before DecisionPagesController: /work/decisions/new must not be read as a decision id.
const CONTROLLERS = [
  SignInController,
  MyWorkController,
  DraftingController,
  ActionPagesController,
  DecisionPagesController,
  ArrangementPagesController,
  ImportPagesController,
  RegisterPagesController,
];

/**
 * The web pages, served by the API app outside /api: sign-in, My work, a decision, drafting, the action
 * pages, HR's staffing arrangements, the record import, and the public register (no sign-in). Session cookie and CSRF apply to these controllers only; the JSON API keeps its bearer tokens.
 */
@Module({
  imports: [DecisionsModule, NotificationsModule, RegisterModule, StaffingModule, ImportModule],
  controllers: CONTROLLERS,
  providers: [PageRenderer, OidcClient, { provide: StatechartRenderer, useFactory: () => new StatechartRenderer(decisionMachine) }],
  exports: [PageRenderer],
})
export class WebModule implements NestModule {
  constructor(@Inject(RATIFY_CONFIG) private readonly config: RatifyConfig) {}

  configure(consumer: MiddlewareConsumer) {
    // The import form is multipart (it may carry a file): parsed first, so the CSRF check finds its token.
    consumer.apply(importUpload()).forRoutes(ImportPagesController);
    consumer.apply(...webSessionMiddleware(this.config)).forRoutes(...CONTROLLERS);
  }
}

/** The web routes, left out of the /api prefix (a controller's path, as Nest matches it). */
export const WEB_ROUTES = ['/', 'sign-in{/*rest}', 'sign-out', 'signed-out', 'work{/*rest}', 'register{/*rest}'];
