import { BadRequestException, type Type } from '@nestjs/common';
import { InvalidInput } from '#libs/decisions';
import type { FieldProblem } from '#libs/web';
import { validationPipe } from '../http/validation.js';

/**
 * Runs a body through the JSON API's own validation (the same pipe and DTO classes), so a page refuses
 * exactly what the API refuses, naming the same fields.
 */
export async function validateLikeTheApi<T>(body: unknown, dto: Type<T>): Promise<{ value: T; problems: null } | { value: null; problems: FieldProblem[] }> {
  try {
    return { value: (await validationPipe().transform(body, { type: 'body', metatype: dto })) as T, problems: null };
  } catch (error) {
    if (error instanceof BadRequestException) {
      const response = error.getResponse() as { details?: FieldProblem[]; message?: string };
      return { value: null, problems: response.details ?? [{ field: '', message: String(response.message) }] };
    }
    throw error;
  }
}

/** The decision service's own refusals of input, as field problems. */
export function problemsOf(error: InvalidInput): FieldProblem[] {
  return error.details.length ? error.details : [{ field: '', message: error.message }];
}
