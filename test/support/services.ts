import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule, type RatifyConfig } from '#libs/config';
import { DecisionsModule } from '#libs/decisions';
import { CLOCK, EngineModule, TIMER_SINK, type Clock, type QueueableTimer, type TimerSink } from '#libs/engine';
import { NotificationsModule } from '#libs/notifications';
import { QueueModule } from '#libs/queue';
import { StaffingModule } from '#libs/staffing';
import { StoreModule } from '#libs/store';

/** A clock the test moves by hand. */
export class FakeClock implements Clock {
  constructor(private at: Date) {}

  now(): Date {
    return new Date(this.at);
  }

  set(at: Date | string) {
    this.at = new Date(at);
  }

  advance(ms: number) {
    this.at = new Date(this.at.getTime() + ms);
  }
}

/** A timer sink that records what the engine hands it after each commit, instead of queueing. */
export class RecordingSink implements TimerSink {
  readonly scheduled: QueueableTimer[] = [];
  readonly cancelled: string[] = [];

  async schedule(timers: QueueableTimer[]) {
    this.scheduled.push(...timers);
  }

  async cancel(ids: string[]) {
    this.cancelled.push(...ids);
  }

  clear() {
    this.scheduled.length = 0;
    this.cancelled.length = 0;
  }
}

/**
 * The middle test tier: the services (decisions, engine, reminders, deliveries) against real PostgreSQL, with
 * a fake clock and a recording timer sink; no HTTP and no worker. `extra` adds modules (e.g. a test aggregate).
 */
export async function startServices(config: RatifyConfig, options: { now?: string; extra?: unknown[] } = {}) {
  const clock = new FakeClock(new Date(options.now ?? '2026-03-02T10:00:00.000Z'));
  const sink = new RecordingSink();

  @Global()
  @Module({ providers: [{ provide: TIMER_SINK, useValue: sink }], exports: [TIMER_SINK] })
  class FakeTimersModule {}

  @Module({ imports: [ConfigModule.with(config), StoreModule, QueueModule, EngineModule, FakeTimersModule, DecisionsModule, StaffingModule, NotificationsModule, ...(options.extra as never[] ?? [])] })
  class ServicesModule {}

  const moduleRef = await Test.createTestingModule({ imports: [ServicesModule] }).overrideProvider(CLOCK).useValue(clock).compile();
  moduleRef.useLogger(false);
  const app: INestApplicationContext = await moduleRef.init();
  return { app, clock, sink };
}

export type Services = Awaited<ReturnType<typeof startServices>>;
