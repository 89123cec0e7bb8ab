/** Errors of the web pages that the web error filter turns into a redirect or a page. */

/** No signed-in session: go to the sign-in page, and come back afterwards. */
export class SignInRequired extends Error {
  constructor() {
    super('sign in to see this page');
  }
}

/** The page needs a role this person does not hold; the 403 page names it. */
export class RoleRequired extends Error {
  constructor(readonly role: string, message = `this page needs the '${role}' role`) {
    super(message);
  }
}

/** A page that does not exist (an unknown action name, a state with no drawing). */
export class PageNotFound extends Error {}
