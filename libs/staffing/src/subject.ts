/** `subject_type` of an arrangement's timers, deliveries and engine changes. */
export const ARRANGEMENT = 'arrangement';

/** The timer kinds of an arrangement's state changes (its reminders use the shared REMINDER kind). */
export const ARRANGEMENT_CLOCK_KINDS = ['START_REACHED', 'ENDING_SOON_REACHED', 'END_PASSED'] as const;
