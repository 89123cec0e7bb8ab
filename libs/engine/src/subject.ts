/** Which aggregate a clock or a delivery belongs to: `subject_type` and `subject_id` in the timers and notifications tables. */
export interface SubjectRef {
  type: string;
  id: string;
}

/** A subject as reminder templates and webhooks show it: never a bare decision id. */
export interface SubjectSummary extends SubjectRef {
  /** The human reference, e.g. "LOP&S - 2021035". */
  reference: string;
  title: string;
  /** Where a person opens it. */
  link: string;
}

/** Who made a change: a person from a token, or the system (timers, reactions). */
export interface ChangeActor {
  userId: string;
  name: string;
}

export const SYSTEM_ACTOR: ChangeActor = { userId: 'system', name: 'Ratify' };
