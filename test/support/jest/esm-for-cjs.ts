/**
 * Jest on Node 20 cannot require() an ES module, and @nestjs/throttler (CommonJS) requires @nestjs/common and
 * @nestjs/core (ES modules since Nest 12). Node itself can (npm start is unaffected); under Jest this setup
 * file imports them into the test's own module registry and cjs-bridge.cjs hands those very instances to
 * the CommonJS files that ask for them.
 */
import * as common from '@nestjs/common';
import * as core from '@nestjs/core';

(globalThis as Record<string, unknown>).__ratifyEsmForCjs = { '@nestjs/common': common, '@nestjs/core': core };
