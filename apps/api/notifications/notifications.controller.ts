import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '#libs/auth';
import { DecisionService, DECISION } from '#libs/decisions';
import type { Actor } from '#libs/lifecycle';
import { NotificationLogService } from '#libs/notifications';
import { DecisionIdPipe } from '../http/params.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('decisions/:id/notifications')
export class NotificationsController {
  constructor(
    @Inject(DecisionService) private readonly decisions: DecisionService,
    @Inject(NotificationLogService) private readonly log: NotificationLogService,
  ) {}

  /** The decision's delivery log; the decision is read first, so an unknown one is a 404 (and a hidden one refused). */
  @Get()
  async list(@Param('id', DecisionIdPipe) id: string, @CurrentActor() actor: Actor) {
    await this.decisions.get(id, actor);
    return this.log.forSubject({ type: DECISION, id });
  }
}
