import { DecisionError } from '#libs/decisions';

export class ArrangementNotFound extends DecisionError {
  readonly status = 404;
  constructor(id: string) {
    super(`no staffing arrangement with id '${id}'`);
  }
}
