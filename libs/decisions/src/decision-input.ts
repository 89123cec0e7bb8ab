import type { Contact, Funding, TextItem } from '#libs/store';
import type { CallInWaiver, DecisionType, SpecialUrgency, Urgency } from '#libs/lifecycle';

export interface ConsulteeInput {
  area: string;
  label?: string | null;
  assigneeUserId?: string | null;
}

/** The create body of CONTRACT.md (already validated by the API). */
export interface DecisionDraft {
  reference?: string | null;
  title: string;
  decisionMaker: { title: string; userId?: string | null };
  /** Selects the council's rule set; default 'executive'. */
  decisionType?: DecisionType;
  isKeyDecision: boolean;
  /** Omitted: follows the rule set of the decision type (see settleDraft). */
  isSubjectToCallIn?: boolean;
  urgency: Urgency;
  /** YYYY-MM-DD the general exception notice was given: required with urgency 'general-exception'. */
  generalExceptionNoticeAt?: string | null;
  /** Required with urgency 'special-urgency'. */
  specialUrgency?: SpecialUrgency | null;
  /** Exempts the decision from call-in, saying why and who agreed. */
  callInWaiver?: CallInWaiver | null;
  forwardPlanNoticeAt?: string | null;
  plannedDeterminationAt?: string | null;
  purpose?: string | null;
  recommendations?: TextItem[];
  reasons?: string | null;
  alternativeOptions?: TextItem[];
  consultees?: ConsulteeInput[];
  contact?: Contact | null;
  funding?: Funding[];
  conflictsOfInterest?: string | null;
  dispensation?: string | null;
  wardsAffected?: string[];
  otherConsulted?: string | null;
}

export type DecisionPatch = Partial<Omit<DecisionDraft, 'reference'>>;

/** The body of an action (POST /api/decisions/:id/<action>), already validated for shape. */
export interface ActionBody {
  area?: string;
  comments?: string | null;
  decisionText?: string | null;
  decidedAt?: string | null;
  reasons?: string;
  reason?: string;
  until?: string | null;
  publishedAt?: string | null;
  members?: string[];
  /** CALL_IN by the scrutiny chair alone, where the rule set allows it. */
  scrutinyChair?: boolean;
  /** HH:mm Europe/London the record was published (a publication cut-off); defaults to now when publishedAt is today. */
  publishedTime?: string | null;
  outcome?: string;
}
