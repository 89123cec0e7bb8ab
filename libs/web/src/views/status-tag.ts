import type { DecisionState } from '#libs/lifecycle';

/** GOV.UK tag colour per state, so a status reads the same on every page. */
const TAG: Record<DecisionState, string> = {
  draft: 'govuk-tag--grey',
  consultation: 'govuk-tag--light-blue',
  'for-determination': 'govuk-tag--blue',
  deferred: 'govuk-tag--yellow',
  approved: 'govuk-tag--turquoise',
  'call-in-period': 'govuk-tag--turquoise',
  'called-in': 'govuk-tag--orange',
  'referred-to-council': 'govuk-tag--orange',
  effective: 'govuk-tag--green',
  closed: 'govuk-tag--green',
  rejected: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
};

export function statusTag(state: string, status: string) {
  return { text: status, classes: TAG[state as DecisionState] ?? 'govuk-tag--grey' };
}
