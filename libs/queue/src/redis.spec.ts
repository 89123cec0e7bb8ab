import { describe, expect, it } from '@jest/globals';
import { withTimeout } from './redis.js';

describe('withTimeout', () => {
  it('passes a prompt answer through', async () => {
    await expect(withTimeout(Promise.resolve(7), 1000, 'x')).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('no')), 1000, 'x')).rejects.toThrow('no');
  });

  it('gives up on a call that never answers, naming it', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20, 'enqueueing timers')).rejects.toThrow('enqueueing timers timed out after 20 ms');
  });
});
