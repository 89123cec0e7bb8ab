import { readFileSync } from 'node:fs';
import type { ResolvedCallInRule } from '#libs/calendar';
import { callInRuleFor, loadConstitution, type Constitution } from '#libs/constitution';
import { parseReminderPolicy, type ReminderPolicy } from '#libs/reminders';

/**
 * Every setting Ratify reads, parsed once from the environment with messages that say how to fix them.
 * The README's configuration table lists the same variables.
 */
export interface RatifyConfig {
  port: number;
  /** Unset means "run an embedded PostgreSQL under ./var" (npm start only). */
  databaseUrl: string | undefined;
  /** PostgreSQL schema for Ratify's tables (tests use one schema each). */
  databaseSchema: string;
  /** Unset means "redis://127.0.0.1:6379", launching redis-server when nothing answers (npm start only). */
  redisUrl: string | undefined;
  /** BullMQ key prefix, so several deployments or test runs can share one Redis. */
  queuePrefix: string;
  jwtSecret: string;
  publicUrl: string;
  council: {
    name: string;
    referencePrefix: string;
    /** The council's rules: COUNCIL_CONFIG, or the CALL_IN_* / FORWARD_PLAN_CLEAR_DAYS shortcuts. */
    constitution: Constitution;
    /** Shortcuts into the constitution for executive decisions (its forward-plan days, members, call-in period). */
    forwardPlanClearDays: number;
    callInMinMembers: number;
    callInRule: ResolvedCallInRule;
  };
  reminders: ReminderPolicy;
  notifications: NotificationSettings;
  /** The public register (GET /api/public/**, the ModernGov-shaped pages). */
  register: RegisterSettings;
  worker: { concurrency: number; lockDurationMs: number; stalledIntervalMs: number };
}

export interface RegisterSettings {
  /** Also publish decisions awaiting determination (For Determination, Deferred), as Doncaster's register does. */
  publishPending: boolean;
  /** The largest page the public list answers; a larger pageSize is capped to it. */
  maxPageSize: number;
}

export interface Person {
  name: string;
  email: string;
}

/** Who gets mail: users by id, role holders by role (e.g. consultee:hr), and the escalation contact. */
export interface Directory {
  users: Record<string, Person>;
  roles: Record<string, Person[]>;
  escalation: Person | null;
}

export interface NotificationSettings {
  smtpUrl: string;
  mailFrom: string;
  /** Addresses not in the directory fall back to <user id or role>@<mailDomain>. */
  mailDomain: string;
  directory: Directory;
  webhookUrls: string[];
  webhookSecret: string;
  deliveryAttempts: number;
  deliveryBackoffMs: number;
  /** How long one-click links in emails stay valid. */
  actionLinkTtlHours: number;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

export function loadConfig(env: Env = process.env): RatifyConfig {
  const { constitution, council } = wrap(() => loadConstitution(env));
  return {
    port: integer(env, 'PORT', 3000, 0),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: identifier(env, 'DATABASE_SCHEMA', 'public'),
    redisUrl: env.REDIS_URL || undefined,
    queuePrefix: prefix(env, 'QUEUE_PREFIX', 'ratify'),
    jwtSecret: jwtSecret(env),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/$/, ''),
    council: {
      name: fromFileOrEnv(env, 'COUNCIL_NAME', 'council.name', council.name) ?? 'Ratify Borough Council',
      referencePrefix: fromFileOrEnv(env, 'REFERENCE_PREFIX', 'council.referencePrefix', council.referencePrefix) ?? 'RAT',
      constitution,
      forwardPlanClearDays: constitution.forwardPlan.days,
      callInMinMembers: constitution.callIn.executive.minMembers,
      callInRule: callInRuleFor(constitution, 'executive'),
    },
    reminders: wrap(() => parseReminderPolicy(env)),
    notifications: {
      smtpUrl: env.SMTP_URL || 'smtp://127.0.0.1:1025',
      mailFrom: env.MAIL_FROM || 'Ratify <ratify@ratify.local>',
      mailDomain: env.MAIL_DOMAIN || 'ratify.local',
      directory: directory(env),
      webhookUrls: (env.WEBHOOK_URLS || '').split(',').map((u) => u.trim()).filter(Boolean).map((u) => url('WEBHOOK_URLS', u)),
      webhookSecret: env.WEBHOOK_SECRET || 'ratify-development-webhook-secret',
      deliveryAttempts: integer(env, 'DELIVERY_ATTEMPTS', 5, 1),
      deliveryBackoffMs: integer(env, 'DELIVERY_BACKOFF_MS', 5000, 0),
      actionLinkTtlHours: integer(env, 'ACTION_LINK_TTL_HOURS', 168, 1),
    },
    register: {
      publishPending: flag(env, 'REGISTER_PUBLISH_PENDING', false),
      maxPageSize: integer(env, 'REGISTER_MAX_PAGE_SIZE', 100, 1),
    },
    worker: {
      concurrency: integer(env, 'WORKER_CONCURRENCY', 5, 1),
      lockDurationMs: integer(env, 'WORKER_LOCK_MS', 30_000, 500),
      stalledIntervalMs: integer(env, 'WORKER_STALLED_INTERVAL_MS', 30_000, 500),
    },
  };
}

function integer(env: Env, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw new ConfigError(`${name} must be a whole number ≥ ${min}, got '${raw}'`);
  }
  return Number(raw);
}

/** A value the constitution file may give; refused when the variable gives it too. */
function fromFileOrEnv(env: Env, name: string, setting: string, fromFile: string | undefined): string | undefined {
  if (fromFile !== undefined && env[name]) {
    throw new ConfigError(`${name} is set, and COUNCIL_CONFIG gives ${setting} too: keep one of them`);
  }
  return fromFile ?? (env[name] || undefined);
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(true|yes|1)$/i.test(raw)) return true;
  if (/^(false|no|0)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got '${raw}'`);
}

function identifier(env: Env, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) {
    throw new ConfigError(`${name} must be a lower-case SQL identifier (letters, digits, _), got '${raw}'`);
  }
  return raw;
}

function prefix(env: Env, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw new ConfigError(`${name} may hold letters, digits, - and _ only, got '${raw}'`);
  return raw;
}

/** A development default keeps `npm start` to one command; production must set its own. */
function jwtSecret(env: Env): string {
  const raw = env.JWT_SECRET;
  if (raw) return raw;
  if (env.NODE_ENV === 'production') throw new ConfigError('JWT_SECRET must be set in production');
  return 'ratify-development-secret';
}

function wrap<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function url(name: string, value: string): string {
  try {
    return new URL(value).toString();
  } catch {
    throw new ConfigError(`${name} must hold absolute URLs, got '${value}'`);
  }
}

/** DIRECTORY_FILE: JSON { "users": { "u-hr": { "name", "email" } }, "roles": { "consultee:hr": [ … ] }, "escalation": { … } }. */
function directory(env: Env): Directory {
  const empty: Directory = { users: {}, roles: {}, escalation: null };
  if (!env.DIRECTORY_FILE) return empty;
  let parsed: Partial<Directory>;
  try {
    parsed = JSON.parse(readFileSync(env.DIRECTORY_FILE, 'utf8'));
  } catch (error) {
    throw new ConfigError(`DIRECTORY_FILE '${env.DIRECTORY_FILE}' could not be read as JSON: ${(error as Error).message}`);
  }
  return { users: parsed.users ?? {}, roles: parsed.roles ?? {}, escalation: parsed.escalation ?? null };
}
