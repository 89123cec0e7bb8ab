import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { Public } from '#libs/auth';
import { DeliveryQueue, REDIS, redisDurabilityWarnings, redisIsUp, TimerQueue } from '#libs/queue';
import { TimerRepository, TransactionRunner } from '#libs/store';

const COUNTED = ['waiting', 'delayed', 'active', 'failed'] as const;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(TransactionRunner) private readonly db: TransactionRunner,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(TimerQueue) private readonly timers: TimerQueue,
    @Inject(DeliveryQueue) private readonly deliveries: DeliveryQueue,
  ) {}

  /** 200 when PostgreSQL and Redis answer, else 503; with queue depth, the oldest overdue timer and Redis warnings. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, redis] = await Promise.all([this.db.ping(), redisIsUp(this.redis)]);
    const ok = database && redis;
    res.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'error',
      database: database ? 'up' : 'down',
      redis: redis ? 'up' : 'down',
      queues: redis ? await this.queueDepth() : null,
      oldestOverdueTimer: database ? await this.oldestOverdue() : null,
      warnings: redis ? await redisDurabilityWarnings(this.redis) : [],
    };
  }

  private async queueDepth() {
    const [timers, deliveries] = await Promise.all([this.timers.queue.getJobCounts(...COUNTED), this.deliveries.queue.getJobCounts(...COUNTED)]);
    return { timers, deliveries };
  }

  private async oldestOverdue() {
    const now = new Date();
    const timer = await this.db.read((db) => new TimerRepository(db).oldestOverdue(now));
    if (!timer) return null;
    return { id: timer.id, kind: timer.kind, dueAt: timer.dueAt.toISOString(), overdueSeconds: Math.round((now.getTime() - timer.dueAt.getTime()) / 1000) };
  }
}
