import { Module } from '@nestjs/common';
import { RegisterModule } from '#libs/register';
import { CompatiblePagesController } from './compatible-pages.controller.js';
import { PublicRegisterController } from './public-register.controller.js';

@Module({ imports: [RegisterModule], controllers: [PublicRegisterController, CompatiblePagesController] })
export class RegisterHttpModule {}
