import { DECORATORS } from '@nestjs/swagger';
import type { FieldProblem } from './hostile-input.js';

type Class = abstract new (...args: never[]) => unknown;
interface PropertyDoc {
  type?: unknown;
  nullable?: boolean;
  isArray?: boolean;
}

/**
 * The shape the OpenAPI document gives a body, checked before class-validator: one object where the document
 * says one object, and `null` accepted only where the OpenAPI document says so (`@ApiProperty({ nullable: true })`), for every
 * DTO: class-validator's `@IsOptional()` (and `PartialType`) let null through everywhere, and a PATCH with
 * `"title": null` used to reach the database. Nested DTOs are followed through their documented `type`.
 */
export function nullProblems(value: unknown, metatype: unknown, path = ''): FieldProblem[] {
  if (!isDto(metatype) || value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const problems: FieldProblem[] = [];
  for (const [key, item] of Object.entries(value)) {
    const doc: PropertyDoc | undefined = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, metatype.prototype, key);
    if (!doc) continue; // an unknown field: whitelisting refuses it
    const field = path ? `${path}.${key}` : key;
    if (item === null) {
      if (!doc.nullable) problems.push({ field, message: 'must not be null (leave it out to keep it as it is)' });
      continue;
    }
    const nested = documentedClass(doc.type);
    if (!nested) continue;
    const isArray = doc.isArray || Array.isArray(doc.type);
    // class-validator's @ValidateNested takes an array of valid objects where one object is wanted.
    if (!isArray && Array.isArray(item)) problems.push({ field, message: 'must be an object, not an array' });
    else if (Array.isArray(item)) item.forEach((element, i) => problems.push(...nullProblems(element, nested, `${field}.${i}`)));
    else problems.push(...nullProblems(item, nested, field));
  }
  return problems;
}

function isDto(metatype: unknown): metatype is Class {
  return typeof metatype === 'function' && Boolean(metatype.prototype) && Boolean(Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, metatype.prototype));
}

/** `type: X`, `type: [X]` or `type: () => X`, when X is a documented class. */
function documentedClass(type: unknown): Class | null {
  let t = Array.isArray(type) ? type[0] : type;
  if (typeof t === 'function' && !t.prototype) t = (t as () => unknown)();
  return isDto(t) ? t : null;
}

export function isDocumentedDto(metatype: unknown): boolean {
  return isDto(metatype);
}
