import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '#libs/auth';
import { REDIS, redisIsUp } from '#libs/queue';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, redis] = await Promise.all([this.databaseIsUp(), redisIsUp(this.redis)]);
    const ok = database && redis;
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', database: database ? 'up' : 'down', redis: redis ? 'up' : 'down' };
  }

  private async databaseIsUp() {
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), new Promise((_, no) => setTimeout(no, 2000).unref())]);
      return true;
    } catch {
      return false;
    }
  }
}
