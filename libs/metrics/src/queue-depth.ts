import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DeliveryQueue, TimerQueue } from '#libs/queue';
import { watchQueueDepth } from './metrics.js';

const STATES = ['waiting', 'delayed', 'prioritized', 'active', 'failed', 'completed'] as const;

/** Feeds ratify_queue_jobs from this process's queues, for as long as the app runs. */
@Injectable()
export class QueueDepthMetrics implements OnModuleInit, OnApplicationShutdown {
  private stop?: () => void;

  constructor(
    @Inject(TimerQueue) private readonly timers: TimerQueue,
    @Inject(DeliveryQueue) private readonly deliveries: DeliveryQueue,
  ) {}

  onModuleInit() {
    this.stop = watchQueueDepth(async () => ({
      timers: await this.timers.queue.getJobCounts(...STATES),
      deliveries: await this.deliveries.queue.getJobCounts(...STATES),
    }));
  }

  onApplicationShutdown() {
    this.stop?.();
  }
}
