import jwt from 'jsonwebtoken';

export const BOARD_COOKIE = 'ratify_board';
const PURPOSE = 'ratify-board-session';

/**
 * A queue-board session: signed, short-lived, good for the board only (its `purpose` makes bearer
 * authentication refuse it), so the cookie never holds a token that opens the API.
 */
export function signBoardSession(userId: string, secret: string, seconds: number): string {
  return jwt.sign({ purpose: PURPOSE }, secret, { algorithm: 'HS256', subject: userId, expiresIn: seconds });
}

export function verifyBoardSession(token: string, secret: string): boolean {
  try {
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
    return typeof payload === 'object' && payload.purpose === PURPOSE && typeof payload.exp === 'number';
  } catch {
    return false;
  }
}
