import { Module } from '@nestjs/common';
import { DecisionsModule } from '#libs/decisions';
import { NotificationsModule } from '#libs/notifications';
import { StaffingModule } from '#libs/staffing';
import { NotificationsController } from './notifications.controller.js';
import { OneClickController } from '../one-click/one-click.controller.js';

@Module({ imports: [DecisionsModule, NotificationsModule, StaffingModule], controllers: [NotificationsController, OneClickController] })
export class NotificationsHttpModule {}
