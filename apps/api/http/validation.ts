import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { hostileInputProblems, type FieldProblem } from './hostile-input.js';
import { nullProblems } from './nullable.js';

export type { FieldProblem };

/** Flattens class-validator's tree into one entry per bad field, named by its path (consultees.0.area). */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message: message.replace(/^(\S+\.)+/, '') }));
    return [...own, ...fieldProblems(e.children ?? [], field)];
  });
}

export function invalid(details: FieldProblem[]): BadRequestException {
  const fields = [...new Set(details.map((d) => d.field))];
  return new BadRequestException({ message: `invalid ${fields.join(', ')}`, details });
}

const PRIMITIVES: unknown[] = [String, Number, Boolean, Array, Object, Buffer];

/** A class written to describe a body or a query (a DTO), not a primitive such as `@Body() text: string`. */
function isDtoClass(metatype: unknown): boolean {
  return typeof metatype === 'function' && !PRIMITIVES.includes(metatype);
}

/**
 * The one validation pipe of every route, for every DTO: first what no request may carry (NUL bytes,
 * unpaired surrogates, `__proto__` keys, nesting past MAX_DEPTH), then a body that is not a JSON object,
 * then nulls the OpenAPI document does not allow, then the DTO's own rules. Each problem names its field.
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: (errors) => invalid(fieldProblems(errors)) });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type !== 'custom') {
      const hostile = hostileInputProblems(value, metadata.type === 'body' ? 'body' : (metadata.data ?? metadata.type));
      if (hostile.length) throw invalid(hostile);
    }
    if (metadata.type === 'body' && isDtoClass(metadata.metatype) && value !== undefined) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw invalid([{ field: 'body', message: 'must be a JSON object' }]);
      }
      // Keys named like Object.prototype's members ("valueOf", "toString") slip past the whitelist: no DTO has them.
      const inherited = inheritedNames(value, '');
      if (inherited.length) throw invalid(inherited);
      const nulls = nullProblems(value, metadata.metatype);
      if (nulls.length) throw invalid(nulls);
    }
    return super.transform(value, metadata);
  }
}

function inheritedNames(value: unknown, path: string, depth = 0): { field: string; message: string }[] {
  if (value === null || typeof value !== 'object' || depth > 32) return [];
  return Object.keys(value).flatMap((key) => {
    const field = path ? `${path}.${key}` : key;
    if (key in Object.prototype) return [{ field, message: `property ${field} should not exist` }];
    return inheritedNames((value as Record<string, unknown>)[key], field, depth + 1);
  });
}

export function validationPipe() {
  return new RequestValidationPipe();
}
