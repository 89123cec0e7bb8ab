import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { Public, RequireRole } from '#libs/auth';
import { DeliveryQueue, REDIS, REDIS_CALL_TIMEOUT_MS, redisDurabilityWarnings, redisIsUp, TimerQueue, withTimeout } from '#libs/queue';
import { TimerRepository, TransactionRunner } from '#libs/store';
import { HealthDetailsDto, HealthDto, type QueueDepthDto } from './health.dto.js';

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

  /** 200 when PostgreSQL and Redis answer, else 503. Public, so it says nothing more (CONTRACT.md). */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Is PostgreSQL up, is Redis up (no token needed)' })
  @ApiOkResponse({ type: HealthDto, description: 'both up' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'PostgreSQL or Redis is down' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const [database, redis] = await Promise.all([this.databaseIsUp(), redisIsUp(this.redis)]);
    const ok = database && redis;
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', database: database ? 'up' : 'down', redis: redis ? 'up' : 'down' };
  }

  /** For admins: queue depth, the oldest overdue timer and what is wrong with Redis's durability settings. */
  @Get('details')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Queue depth, the oldest overdue timer and Redis durability warnings (admin)' })
  @ApiBearerAuth()
  @ApiOkResponse({ type: HealthDetailsDto })
  async details(): Promise<HealthDetailsDto> {
    const [database, redis] = await Promise.all([this.databaseIsUp(), redisIsUp(this.redis)]);
    const bounded = <T>(work: Promise<T>, what: string) => withTimeout(work, REDIS_CALL_TIMEOUT_MS, what).catch(() => null);
    return {
      queues: redis ? await bounded(this.queueDepth(), 'queue depth') : null,
      oldestOverdueTimer: database ? await this.oldestOverdue() : null,
      warnings: redis ? ((await bounded(redisDurabilityWarnings(this.redis), 'Redis settings')) ?? []) : [],
    };
  }

  private async queueDepth(): Promise<QueueDepthDto> {
    const [timers, deliveries] = await Promise.all([this.timers.queue.getJobCounts(...COUNTED), this.deliveries.queue.getJobCounts(...COUNTED)]);
    const counts = (c: Record<string, number>) => ({ waiting: c.waiting ?? 0, delayed: c.delayed ?? 0, active: c.active ?? 0, failed: c.failed ?? 0 });
    return { timers: counts(timers), deliveries: counts(deliveries) };
  }

  private async oldestOverdue() {
    const now = new Date();
    const timer = await this.db.read((db) => new TimerRepository(db).oldestOverdue(now));
    if (!timer) return null;
    return { id: timer.id, kind: timer.kind, dueAt: timer.dueAt.toISOString(), overdueSeconds: Math.round((now.getTime() - timer.dueAt.getTime()) / 1000) };
  }

  private databaseIsUp() {
    return this.db.ping();
  }
}
