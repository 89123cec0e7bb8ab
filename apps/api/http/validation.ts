import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  message: string;
}

/** Flattens class-validator's tree into one entry per bad field, named by its path (consultees.0.area). */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message: message.replace(/^(\S+\.)+/, '') }));
    return [...own, ...fieldProblems(e.children ?? [], field)];
  });
}

export function validationPipe() {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = fieldProblems(errors);
      const fields = [...new Set(details.map((d) => d.field))];
      return new BadRequestException({ message: `invalid ${fields.join(', ')}`, details });
    },
  });
}
