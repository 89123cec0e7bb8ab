import { Module } from '@nestjs/common';
import { ImportModule } from '#libs/import';
import { ImportController } from './import.controller.js';

@Module({ imports: [ImportModule], controllers: [ImportController] })
export class ImportHttpModule {}
