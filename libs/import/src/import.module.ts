import { Module } from '@nestjs/common';
import { EngineModule } from '#libs/engine';
import { DecisionsModule } from '#libs/decisions';
import { StaffingModule } from '#libs/staffing';
import { ImportService } from './import.service.js';

/** Importing "Decision details" records; needs StoreModule and ConfigModule from the application. */
@Module({ imports: [EngineModule, DecisionsModule, StaffingModule], providers: [ImportService], exports: [ImportService] })
export class ImportModule {}
