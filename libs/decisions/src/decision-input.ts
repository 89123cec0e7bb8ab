import type { Contact, Funding, TextItem } from '#libs/store';
import type { Urgency } from '#libs/lifecycle';

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
  isKeyDecision: boolean;
  isSubjectToCallIn: boolean;
  urgency: Urgency;
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
  outcome?: string;
}
