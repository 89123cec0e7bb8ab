import { z } from 'zod';
import { COUNT_FROM, PERIOD_UNITS, TAKES_EFFECT, closureProblem, isClockTime } from '#libs/calendar';

/**
 * The constitution file (COUNCIL_CONFIG), as JSON or YAML. Every setting is optional: what is left out
 * keeps Ratify's default. Messages name the allowed values; the loader adds the setting's path.
 */
const oneOf = (values: readonly string[]) => ({ error: `must be one of ${values.join(', ')}` });
const whole = (min: number, max: number) =>
  z.number({ error: `must be a whole number from ${min} to ${max}` }).int({ error: `must be a whole number from ${min} to ${max}` }).min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` });
const yesNo = z.boolean({ error: 'must be true or false' });
const clock = z.string({ error: 'must be a time HH:mm (24-hour)' }).refine((s) => isClockTime(s), { error: 'must be a time HH:mm (24-hour)' });
const endOfDay = z
  .string({ error: 'must be a time HH:mm (24-hour) or 24:00 (the end of the day)' })
  .refine((s) => isClockTime(s, true), { error: 'must be a time HH:mm (24-hour) or 24:00 (the end of the day)' });
const closure = z.string({ error: 'must be a date YYYY-MM-DD, a range YYYY-MM-DD/YYYY-MM-DD, or a yearly --MM-DD or --MM-DD/--MM-DD' }).superRefine((s, ctx) => {
  const problem = closureProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The fields of a call-in rule; each decision type may override any of them. */
const callInFields = {
  days: whole(1, 99),
  unit: z.enum(PERIOD_UNITS, oneOf(PERIOD_UNITS)),
  clear: yesNo,
  endsAt: endOfDay,
  takesEffect: z.enum(TAKES_EFFECT, oneOf(TAKES_EFFECT)),
  effectiveTime: clock.nullable(),
  countFrom: z.enum(COUNT_FROM, oneOf(COUNT_FROM)),
  cutOff: clock.nullable(),
  minMembers: whole(1, 99),
  scrutinyChairAlone: yesNo,
};

const typeOverride = z.strictObject({ applies: yesNo, ...callInFields }).partial();

const clearDays = z.strictObject({ clearDays: whole(0, 365), unit: z.enum(PERIOD_UNITS, oneOf(PERIOD_UNITS)) }).partial();

export const constitutionFile = z.strictObject({
  council: z
    .strictObject({
      name: z.string({ error: 'must be text' }).min(1, { error: 'must not be empty' }),
      referencePrefix: z.string({ error: 'must be text' }).regex(/^[A-Za-z0-9&-]{1,20}$/, { error: 'must be 1–20 letters, digits, & or -' }),
    })
    .partial()
    .optional(),
  closures: z.array(closure, { error: 'must be a list of closure days' }).optional(),
  keyDecisionThreshold: z.number({ error: 'must be an amount in pounds, or null' }).nonnegative({ error: 'must not be negative' }).nullable().optional(),
  forwardPlan: clearDays.optional(),
  generalException: clearDays.optional(),
  callIn: z
    .strictObject({
      ...callInFields,
      decisionTypes: z
        .strictObject({
          executive: typeOverride,
          'key-officer': typeOverride,
          officer: typeOverride,
          // Call-in is scrutiny of the executive (Local Government Act 2000, s.9F): never of non-executive decisions.
          'non-executive': z.strictObject({
            applies: z.literal(false, { error: 'must be false: non-executive decisions are never subject to call-in (Local Government Act 2000, s.9F)' }),
          }),
        })
        .partial()
        .optional(),
    })
    .partial()
    .optional(),
  // Days after the date of decision a record may wait unpublished before democratic services are alerted.
  publication: z.strictObject({ days: whole(0, 365), unit: z.enum(PERIOD_UNITS, oneOf(PERIOD_UNITS)) }).partial().optional(),
});

export type ConstitutionFile = z.infer<typeof constitutionFile>;

/** The settings allowed where an unknown one was found (to say which were meant). */
export function settingsAt(path: PropertyKey[]): string[] {
  let schema: z.ZodType = constitutionFile;
  for (const key of path) {
    const object = unwrapObject(schema);
    if (!object || typeof key !== 'string' || !(key in object.shape)) return [];
    schema = object.shape[key] as z.ZodType;
  }
  const object = unwrapObject(schema);
  return object ? Object.keys(object.shape) : [];
}

function unwrapObject(schema: z.ZodType): z.ZodObject | null {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  return s instanceof z.ZodObject ? s : null;
}
