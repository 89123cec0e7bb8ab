import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NotificationLogService } from '#libs/notifications';
import { DecisionIdPipe } from '../http/params.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('decisions/:id/notifications')
export class NotificationsController {
  constructor(@Inject(NotificationLogService) private readonly log: NotificationLogService) {}

  @Get()
  list(@Param('id', DecisionIdPipe) id: string) {
    return this.log.forDecision(id);
  }
}
