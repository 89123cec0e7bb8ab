import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cleanUp, testConfig } from './support/environment.js';
import { startApi, type TestApi } from './support/api.js';

const run = promisify(execFile);

/** The OpenAPI document describes real responses, and @redocly/cli lints it clean. */
describe('the OpenAPI document', () => {
  const config = testConfig();
  let api: TestApi;
  let document: { paths: Record<string, Record<string, { summary?: string; responses: Record<string, { content?: Record<string, { schema?: object }> }> }>> };
  const dir = mkdtempSync(join(tmpdir(), 'ratify-openapi-'));

  beforeAll(async () => {
    api = await startApi(config);
    document = (await api.anonymous().get('/api/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await api?.app.close();
    await cleanUp(config);
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives every operation a summary and a success response with a schema', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const success = Object.entries(operation.responses).filter(([code]) => /^2/.test(code));
        expect({ path, method, summary: typeof operation.summary }).toEqual({ path, method, summary: 'string' });
        expect({ path, method, success: success.length > 0 }).toEqual({ path, method, success: true });
        for (const [code, response] of success) {
          const schema = response.content && Object.values(response.content)[0]?.schema;
          expect({ path, method, code, schema: Boolean(schema) }).toEqual({ path, method, code, schema: true });
        }
      }
    }
  });

  it('lints clean with @redocly/cli (recommended rules)', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document, null, 2));
    const lint = await run(process.execPath, ['node_modules/@redocly/cli/bin/cli.js', 'lint', file, '--config', 'redocly.yaml', '--format', 'json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      maxBuffer: 20 * 1024 * 1024,
    }).catch((error: { stdout: string; stderr: string }) => error);
    const report = JSON.parse(lint.stdout);
    const problems = report.problems.map((p: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).toEqual([]);
  });
});
