/**
 * What no request may carry, whatever its DTO says: checked on the raw value before class-transformer and
 * class-validator see it (they recurse, so a body nested 10,000 deep would overflow the stack), iteratively.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Our DTOs nest three levels deep; anything past this is not a real client. */
export const MAX_DEPTH = 16;
const MAX_PROBLEMS = 20;
/** JSON.parse makes these own properties; class-transformer would then assign them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** An unpaired UTF-16 surrogate cannot be written as UTF-8 (PostgreSQL's jsonb refuses it). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function textProblem(text: string): string | null {
  // PostgreSQL text and jsonb cannot hold U+0000.
  if (text.includes('\u0000')) return 'must not contain NUL characters (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds an unpaired surrogate)';
  return null;
}

/**
 * Every string (keys too) free of NUL and unpaired surrogates, no forbidden key, at most `maxDepth` levels
 * of objects and arrays. `root` names the value itself in messages ('body', or a query parameter).
 */
export function hostileInputProblems(value: unknown, root: string, maxDepth = MAX_DEPTH): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  const name = (path: string) => path || root;
  while (stack.length && problems.length < MAX_PROBLEMS) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) problems.push({ field: name(item.path), message: problem });
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= maxDepth) {
      problems.push({ field: name(item.path), message: `is nested too deeply (more than ${maxDepth} levels of objects and arrays)` });
      continue;
    }
    for (const key of Object.keys(item.value)) {
      const path = item.path ? `${item.path}.${key}` : key;
      const keyProblem = FORBIDDEN_KEYS.has(key) ? 'is not an allowed field name' : textProblem(key);
      if (keyProblem) {
        problems.push({ field: item.path ? `${item.path}.${printable(key)}` : printable(key), message: keyProblem });
        continue;
      }
      stack.push({ value: (item.value as Record<string, unknown>)[key], path, depth: item.depth + 1 });
    }
  }
  return problems;
}

/** A key as it may be echoed in a message: NULs and lone surrogates escaped. */
function printable(key: string): string {
  return key.replace(/[\u0000\uD800-\uDFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
