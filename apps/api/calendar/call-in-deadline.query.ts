import { ApiProperty } from '@nestjs/swagger';
import { IsIsoDate } from '../http/is-iso-date.js';

export class CallInDeadlineQuery {
  @ApiProperty({ example: '2020-11-18' }) @IsIsoDate() publishedAt: string;
}
