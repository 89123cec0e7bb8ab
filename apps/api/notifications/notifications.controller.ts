import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotificationView } from './notification.response.js';
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
    @Inject(NotificationLogService) private readonly log: NotificationLogService,
    @Inject(DecisionService) private readonly decisions: DecisionService,
  ) {}

  /** The decision's delivery log; the decision is read first, so an unknown one is a 404 (and a hidden one refused). */
  @Get()
  @ApiOperation({ summary: "A decision's delivery log (its author, democratic services, admins)" })
  @ApiOkResponse({ type: [NotificationView] })
  async list(@Param('id', DecisionIdPipe) id: string, @CurrentActor() actor: Actor) {
    await this.decisions.authorizeRead(id, 'read-notifications', actor);
    return this.log.forSubject({ type: DECISION, id });
  }
}
