import { Module } from '@nestjs/common';
import { RegisterService } from './register.service.js';

/** The public register (read-only over the decisions table); StoreModule, ConfigModule and ViewsModule are global. */
@Module({ providers: [RegisterService], exports: [RegisterService] })
export class RegisterModule {}
