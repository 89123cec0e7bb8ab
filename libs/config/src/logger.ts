import { ConsoleLogger } from '@nestjs/common';

/** Nest's logger; LOG_FORMAT=json for one JSON object a line, LOG_LEVEL=error|warn|log|debug|verbose. */
export function logger() {
  return new ConsoleLogger({ json: process.env.LOG_FORMAT === 'json', logLevels: logLevels() });
}

function logLevels() {
  const all = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
  const level = (process.env.LOG_LEVEL ?? 'log') as (typeof all)[number];
  return all.slice(0, Math.max(1, all.indexOf(level) + 1));
}

