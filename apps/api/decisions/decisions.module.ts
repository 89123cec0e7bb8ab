import { Module } from '@nestjs/common';
import { DecisionsModule as DecisionsCoreModule } from '#libs/decisions';
import { DecisionsController } from './decisions.controller.js';

@Module({ imports: [DecisionsCoreModule], controllers: [DecisionsController] })
export class DecisionsHttpModule {}
