import { Module } from '@nestjs/common';
import { DecisionsModule } from '#libs/decisions';
import { DeliveryService } from './delivery.service.js';
import { ReminderService } from './reminder.service.js';

@Module({ imports: [DecisionsModule], providers: [ReminderService, DeliveryService], exports: [ReminderService, DeliveryService] })
export class NotificationsModule {}
