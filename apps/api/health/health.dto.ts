import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis: 'up' | 'down';
}

export class JobCountsDto {
  @ApiProperty() waiting: number;
  @ApiProperty() delayed: number;
  @ApiProperty() active: number;
  @ApiProperty() failed: number;
}

export class QueueDepthDto {
  @ApiProperty({ type: JobCountsDto }) timers: JobCountsDto;
  @ApiProperty({ type: JobCountsDto }) deliveries: JobCountsDto;
}

export class OverdueTimerDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'CALL_IN_PERIOD_ENDED' }) kind: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty() overdueSeconds: number;
}

export class HealthDetailsDto {
  @ApiProperty({ type: QueueDepthDto, nullable: true, description: 'null while Redis is down' }) queues: QueueDepthDto | null;
  @ApiProperty({ type: OverdueTimerDto, nullable: true }) oldestOverdueTimer: OverdueTimerDto | null;
  @ApiProperty({ type: [String], description: "what is wrong with Redis's durability settings" }) warnings: string[];
}
