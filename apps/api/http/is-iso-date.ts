import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '#libs/calendar';

/** A real calendar date written YYYY-MM-DD (2021-02-29 is refused). */
export function IsIsoDate(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value) => typeof value === 'string' && isIsoDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a date written YYYY-MM-DD`, options),
      },
    },
    options,
  );
}
