/** Domain errors of the decision service; the API maps `status` to the HTTP answer. */
export abstract class DecisionError extends Error {
  abstract readonly status: 400 | 403 | 404 | 409;
  readonly body: Record<string, unknown> = {};
}

export class InvalidInput extends DecisionError {
  readonly status = 400;
  constructor(message: string, readonly details: { field: string; message: string }[] = []) {
    super(message);
  }
}

export class Forbidden extends DecisionError {
  readonly status = 403;
}

export class DecisionNotFound extends DecisionError {
  readonly status = 404;
  constructor(id: string) {
    super(`no decision with id '${id}'`);
  }
}

/** The action is not allowed in the current state, or the If-Match version is stale. */
export class Conflict extends DecisionError {
  readonly status = 409;
  constructor(message: string, readonly body: { state?: string; allowedActions?: string[]; version?: number; [more: string]: unknown } = {}) {
    super(message);
  }
}
