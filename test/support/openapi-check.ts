import { expect } from '@jest/globals';
import * as jestOpenApiModule from 'jest-openapi';

// A CommonJS module with `exports.default`: as seen from an ES module, its function is one `default` deeper.
type Loader = (spec: object) => void;
const loaded = jestOpenApiModule as unknown as { default: Loader | { default: Loader } };
const jestOpenAPI: Loader = typeof loaded.default === 'function' ? loaded.default : loaded.default.default;
import type { Response } from 'supertest';

type Document = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

/**
 * Every response a test gets from the API through test/support/api.ts is checked against the OpenAPI
 * document the app serves (jest-openapi): a documented path, method and status, and a JSON body that
 * matches the documented schema. A test that meets an undocumented answer fails, so the document stays true.
 */
export function responseChecker(document: Document) {
  jestOpenAPI(structuredClone(document));
  const operations = Object.entries(document.paths).map(([path, item]) => ({
    template: path,
    pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    item,
  }));
  return (res: Response) => {
    const req = (res as unknown as { req: { method: string; path: string } }).req;
    // Still percent-encoded, so an id holding an encoded '/' stays one segment.
    const path = req.path.split('?')[0];
    if (!path.startsWith('/api/') || path.startsWith('/api/docs')) return; // pages, assets, the board, the document itself
    const match = operations.find((o) => o.pattern.test(path));
    const operation = match?.item[req.method.toLowerCase()];
    if (!operation) {
      // Nest answers an unknown route 404 (405 does not exist in Express): that is not an operation.
      expect({ request: `${req.method} ${path}`, status: res.status }).toEqual({ request: `${req.method} ${path}`, status: 404 });
      return;
    }
    const type = String(res.headers['content-type'] ?? '');
    if (type.startsWith('application/json')) {
      // Path parameters as jest-openapi's matcher can read them, whatever odd id the test sent.
      const normalised = { status: res.status, body: res.body, text: res.text, headers: res.headers, req: { method: req.method, path: match!.template.replace(/\{[^}]+\}/g, 'p') } };
      (expect(normalised) as unknown as { toSatisfyApiSpec(): void }).toSatisfyApiSpec();
    } else {
      const documented = Object.keys(operation.responses).includes(String(res.status));
      expect({ request: `${req.method} ${path}`, status: res.status, documented }).toEqual({ request: `${req.method} ${path}`, status: res.status, documented: true });
    }
  };
}
