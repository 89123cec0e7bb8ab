import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { connectRedis, REDIS_CALL_TIMEOUT_MS, withTimeout } from './redis.js';
import { DeliveryQueue } from './delivery-queue.js';
import { TimerQueue } from './timer-queue.js';

export const REDIS = Symbol('REDIS');

/** One Redis connection per process for producers and health; workers duplicate it for blocking reads. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [RATIFY_CONFIG],
      useFactory: (config: RatifyConfig) => connectRedis(config.redisUrl ?? 'redis://127.0.0.1:6379'),
    },
    {
      provide: TimerQueue,
      inject: [REDIS, RATIFY_CONFIG],
      useFactory: (redis: Redis, config: RatifyConfig) => new TimerQueue(redis, config.queuePrefix),
    },
    {
      provide: DeliveryQueue,
      inject: [REDIS, RATIFY_CONFIG],
      useFactory: (redis: Redis, config: RatifyConfig) =>
        new DeliveryQueue(redis, config.queuePrefix, {
          attempts: config.notifications.deliveryAttempts,
          backoffMs: config.notifications.deliveryBackoffMs,
        }),
    },
  ],
  exports: [REDIS, TimerQueue, DeliveryQueue],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(TimerQueue) private readonly timerQueue: TimerQueue,
    @Inject(DeliveryQueue) private readonly deliveryQueue: DeliveryQueue,
  ) {}

  async onApplicationShutdown() {
    // Closing waits on Redis: bounded, so a process whose Redis is gone still stops.
    await withTimeout(Promise.all([this.timerQueue.close(), this.deliveryQueue.close()]), REDIS_CALL_TIMEOUT_MS, 'closing queues').catch(() => undefined);
    this.redis.disconnect();
  }
}
