import { Module } from '@nestjs/common';
import { StaffingModule } from '#libs/staffing';
import { ArrangementsController } from './arrangements.controller.js';

@Module({ imports: [StaffingModule], controllers: [ArrangementsController] })
export class ArrangementsHttpModule {}
