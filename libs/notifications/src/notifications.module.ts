import { Module } from '@nestjs/common';
import { EngineModule } from '#libs/engine';
import { DeliveryService } from './delivery.service.js';
import { NotificationLogService } from './notification-log.service.js';
import { ReminderFiring } from './reminder.firing.js';

/** Reminders (fired for any subject), the delivery outbox and its log. Knows subjects, not decisions. */
@Module({
  imports: [EngineModule],
  providers: [ReminderFiring, DeliveryService, NotificationLogService],
  exports: [ReminderFiring, DeliveryService, NotificationLogService],
})
export class NotificationsModule {}
