import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { projectRoot } from './project-root.js';

/** Where GOV.UK Frontend's templates, CSS, JS and assets live (`govuk/template.njk`, `govuk/components/…`). */
export function govukFrontendDir(): string {
  return join(projectRoot(), 'node_modules', 'govuk-frontend', 'dist');
}

/**
 * Every lib may keep server-rendered templates in `libs/<lib>/templates`; all of them, then GOV.UK
 * Frontend, are on the search path. Name templates by their lib's folder (`register/decision.njk`) so
 * two libs never shadow each other.
 */
export function templateDirs(): string[] {
  const libs = join(projectRoot(), 'libs');
  const own = readdirSync(libs)
    .map((lib) => join(libs, lib, 'templates'))
    .filter((dir) => existsSync(dir));
  return [...own, govukFrontendDir()];
}

/** "2020-11-18" → "18/11/2020", the registers' date format; anything else is returned as it is. */
export function ukDate(value: unknown): string {
  if (typeof value !== 'string') return value == null ? '' : String(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/**
 * The one Nunjucks environment of every server-rendered page: autoescape on (escaping is the default,
 * `| safe` is the exception a reviewer can grep for), GOV.UK Frontend's macros importable.
 */
export function createViewEnvironment(globals: Record<string, unknown> = {}): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(templateDirs(), { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('ukDate', ukDate);
  for (const [name, value] of Object.entries(globals)) env.addGlobal(name, value);
  return env;
}
