import { readFileSync } from 'node:fs';
import type { ResolvedCallInRule } from '#libs/calendar';
import { callInRuleFor, loadConstitution, type Constitution } from '#libs/constitution';
import { parseArrangementReminderPolicy, parsePayScalesJson, type ArrangementReminderPolicy, type PayScales } from '#libs/arrangements';
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
  /** Connections per process: at least the concurrency served (HTTP requests in flight plus worker jobs). */
  databasePoolSize: number;
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
  /** Temporary staffing arrangements: when to remind about their ends, and what they cost. */
  arrangements: ArrangementSettings;
  notifications: NotificationSettings;
  /** The public register (GET /api/public/**, the ModernGov-shaped pages). */
  register: RegisterSettings;
  worker: WorkerSettings;
  timers: TimerSettings;
  security: SecuritySettings;
  web: WebSettings;
}

/** Sign-in for the web pages: OpenID Connect, or (never in production) the local demo users. */
export interface WebSettings {
  /** HMAC key of the session cookie. */
  sessionSecret: string;
  /** A session older than this is refused, whatever the cookie says. */
  sessionMaxAgeHours: number;
  /** Secure cookies: on when PUBLIC_URL is https. */
  secureCookies: boolean;
  /** Express `trust proxy` (TRUST_PROXY), so the app sees the TLS that a proxy in front ended. */
  trustProxy: string | undefined;
  oidc: OidcSettings | null;
  /** No issuer and not production: the sign-in page offers a demo user per role. */
  localSignIn: boolean;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  scopes: string;
  /** Claim holding the roles, a dotted path for nested claims (realm_access.roles). */
  rolesClaim: string;
  /** Claim value → Ratify role; values that are Ratify roles already map to themselves. */
  roleMap: Record<string, string[]>;
  userIdClaim: string;
  nameClaim: string;
}

/** Limits and hygiene of the HTTP surface (README "Guarantees"). */
export interface SecuritySettings {
  /** Bearer tokens must carry `exp`, and live no longer than this from `iat` (or from now, without `iat`). */
  tokenMaxLifetimeSeconds: number;
  /** Clock difference tolerated on `exp`, `nbf` and `iat`. */
  tokenClockToleranceSeconds: number;
  /** Largest request body, in bytes. */
  bodyLimitBytes: number;
  /** Writes (POST, PUT, PATCH, DELETE) one user may make per window. */
  writesPerWindow: number;
  writeWindowSeconds: number;
  /** How long a queue-board session cookie lasts. */
  boardSessionSeconds: number;
  /** A static bearer token Prometheus may scrape /metrics with (an admin JWT works too); unset: admin only. */
  metricsToken: string | undefined;
  /** The worker serves /metrics on this port when set (the API serves its own on its port). */
  metricsPort: number | undefined;
}

export interface ArrangementSettings {
  /** REMINDER_UNIT, REMINDER_SEND_AT, ARRANGEMENT_REMINDERS_BEFORE_END, ARRANGEMENT_OVERDUE_EVERY. */
  policy: ArrangementReminderPolicy;
  /** ARRANGEMENT_PAY_SCALES_FILE (e.g. docs/pay-scales.example.json); null: no cost estimates. */
  payScales: PayScales | null;
}

export interface RegisterSettings {
  /** Also publish decisions awaiting determination (For Determination, Deferred), as Doncaster's register does. */
  publishPending: boolean;
  /** The largest page the public list answers; a larger pageSize is capped to it. */
  maxPageSize: number;
}

export interface WorkerSettings {
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** Stalls (a worker killed holding the job) before BullMQ fails a job; high, as the reconciler replaces failed jobs anyway. */
  maxStalledCount: number;
}

/** PostgreSQL holds every timer; Redis holds only those due within the horizon. */
export interface TimerSettings {
  /** Timers due within this many seconds are BullMQ delayed jobs; later ones cost Redis nothing. */
  horizonSeconds: number;
  /** How often each worker moves timers that came within the horizon into the queue. */
  relayEveryMs: number;
  /** How often (one worker at a time) the queue is checked against the database within the horizon. */
  reconcileEveryMs: number;
  /** How often each worker checks that Redis still holds its sentinel key (a wipe triggers a reconcile at once). */
  wipeCheckEveryMs: number;
  /** Timer jobs a worker holds at once (more than deliveries: they are fired in batches, not one by one). */
  concurrency: number;
  /** The most timers fired in one transaction. */
  batchSize: number;
  /** Batches a worker fires at once (each on its own connection); timer jobs gather only while they all run. */
  batchesInFlight: number;
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
  /** How long a worker's claim on a delivery it is sending holds; after it lapses another worker may resend. */
  deliveryLeaseMs: number;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

export function loadConfig(env: Env = process.env): RatifyConfig {
  const { constitution, council } = wrap(() => loadConstitution(env));
  const config: RatifyConfig = {
    port: integer(env, 'PORT', 3000, 0),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: identifier(env, 'DATABASE_SCHEMA', 'public'),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 20, 1),
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
    arrangements: {
      policy: wrap(() => parseArrangementReminderPolicy(env)),
      payScales: env.ARRANGEMENT_PAY_SCALES_FILE ? payScales(env.ARRANGEMENT_PAY_SCALES_FILE) : null,
    },
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
      deliveryLeaseMs: integer(env, 'DELIVERY_LEASE_MS', 120_000, 1000),
    },
    register: {
      publishPending: flag(env, 'REGISTER_PUBLISH_PENDING', false),
      maxPageSize: integer(env, 'REGISTER_MAX_PAGE_SIZE', 100, 1),
    },
    worker: {
      concurrency: integer(env, 'WORKER_CONCURRENCY', 5, 1),
      lockDurationMs: integer(env, 'WORKER_LOCK_MS', 30_000, 500),
      stalledIntervalMs: integer(env, 'WORKER_STALLED_INTERVAL_MS', 30_000, 500),
      maxStalledCount: integer(env, 'WORKER_MAX_STALLED_COUNT', 100, 0),
    },
    timers: {
      horizonSeconds: integer(env, 'TIMER_HORIZON_SECONDS', 300, 1),
      relayEveryMs: integer(env, 'TIMER_RELAY_EVERY_MS', 2000, 100),
      reconcileEveryMs: integer(env, 'RECONCILE_EVERY_MS', 60_000, 1000),
      wipeCheckEveryMs: integer(env, 'REDIS_WIPE_CHECK_MS', 1000, 100),
      concurrency: integer(env, 'TIMER_CONCURRENCY', 100, 1),
      batchSize: integer(env, 'TIMER_BATCH_SIZE', 50, 1),
      batchesInFlight: integer(env, 'TIMER_BATCHES_IN_FLIGHT', 2, 1),
    },
    security: {
      tokenMaxLifetimeSeconds: integer(env, 'TOKEN_MAX_LIFETIME_HOURS', 24, 1) * 3600,
      tokenClockToleranceSeconds: integer(env, 'TOKEN_CLOCK_TOLERANCE_SECONDS', 60, 0),
      bodyLimitBytes: integer(env, 'BODY_LIMIT_KB', 1024, 1) * 1024,
      writesPerWindow: integer(env, 'RATE_LIMIT_WRITES', 300, 1),
      writeWindowSeconds: integer(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1),
      boardSessionSeconds: integer(env, 'BOARD_SESSION_MINUTES', 15, 1) * 60,
      metricsToken: env.METRICS_TOKEN || undefined,
      metricsPort: env.METRICS_PORT ? integer(env, 'METRICS_PORT', 0, 1) : undefined,
    },
    web: web(env),
  };
  if (config.timers.relayEveryMs >= config.timers.horizonSeconds * 1000) {
    // A timer must pass through the relay at least once while within the horizon, or it would fire late.
    throw new ConfigError(`TIMER_RELAY_EVERY_MS (${config.timers.relayEveryMs}) must be less than TIMER_HORIZON_SECONDS × 1000 (${config.timers.horizonSeconds * 1000})`);
  }
  return config;
}

function web(env: Env): WebSettings {
  const production = env.NODE_ENV === 'production';
  const publicUrl = env.PUBLIC_URL || '';
  let sessionSecret = env.SESSION_SECRET;
  if (!sessionSecret) {
    if (production) throw new ConfigError('SESSION_SECRET must be set in production (a long random string)');
    sessionSecret = 'ratify-development-session-secret';
  }
  const oidc = oidcSettings(env);
  return {
    sessionSecret,
    sessionMaxAgeHours: integer(env, 'SESSION_MAX_AGE_HOURS', 8, 1),
    secureCookies: publicUrl.startsWith('https:'),
    trustProxy: env.TRUST_PROXY || undefined,
    oidc,
    localSignIn: !oidc && !production,
  };
}

function oidcSettings(env: Env): OidcSettings | null {
  if (!env.OIDC_ISSUER) return null;
  const issuer = url('OIDC_ISSUER', env.OIDC_ISSUER);
  if (!env.OIDC_CLIENT_ID) throw new ConfigError('OIDC_CLIENT_ID must be set when OIDC_ISSUER is');
  return {
    issuer,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET || undefined,
    scopes: env.OIDC_SCOPES || 'openid profile email',
    rolesClaim: env.OIDC_ROLES_CLAIM || 'roles',
    roleMap: roleMap(env.OIDC_ROLE_MAP ?? ''),
    userIdClaim: env.OIDC_USER_ID_CLAIM || 'sub',
    nameClaim: env.OIDC_NAME_CLAIM || 'name',
  };
}

/** OIDC_ROLE_MAP: `Ratify.Officer=officer,Ratify.HR=consultee:hr;hr` (a claim value may give several roles, split by `;`). */
function roleMap(raw: string): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const pair of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.lastIndexOf('=');
    const from = pair.slice(0, at).trim();
    const to = pair.slice(at + 1).split(';').map((r) => r.trim()).filter(Boolean);
    if (at <= 0 || to.length === 0) throw new ConfigError(`OIDC_ROLE_MAP must be a comma-separated list of claim=role pairs, got '${pair}'`);
    map[from] = [...(map[from] ?? []), ...to];
  }
  return map;
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

function payScales(file: string): PayScales {
  try {
    return parsePayScalesJson(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`ARRANGEMENT_PAY_SCALES_FILE (${file}): ${(error as Error).message}`);
  }
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
