import { Module } from '@nestjs/common';
import { DecisionsModule } from '#libs/decisions';
import { DeliveryService } from './delivery.service.js';
import { NotificationLogService } from './notification-log.service.js';
import { ReminderService } from './reminder.service.js';

@Module({ imports: [DecisionsModule], providers: [ReminderService, DeliveryService, NotificationLogService], exports: [ReminderService, DeliveryService, NotificationLogService] })
export class NotificationsModule {}
