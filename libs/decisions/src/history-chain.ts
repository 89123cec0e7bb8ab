import type { HistoryCheck } from '#libs/store';

export interface ChainVerdict {
  valid: boolean;
  entries: number;
  /** The latest entry's hash: keep it elsewhere to prove later that nothing before it changed. */
  head: string | null;
  /** The first entry at which the chain breaks, and why. */
  brokenAt?: { seq: number; reason: string };
}

/**
 * Judges a decision's history chain from the database's recomputation (DecisionRepository.verifyHistory).
 * Every accepted change is one entry and one version, so the chain must also be as long as the version:
 * entries cut off the end are caught too.
 */
export function judgeChain(checks: HistoryCheck[], version: number): ChainVerdict {
  const head = checks.at(-1)?.hash ?? null;
  const broken = (seq: number, reason: string): ChainVerdict => ({ valid: false, entries: checks.length, head, brokenAt: { seq, reason } });
  for (const [i, check] of checks.entries()) {
    const seq = i + 1;
    if (check.seq !== seq) return broken(seq, `entry ${seq} is missing: entry ${check.seq} follows entry ${check.previousSeq ?? 'none'}`);
    if (check.hash !== check.expected) {
      return broken(seq, seq === 1
        ? 'entry 1 does not match its hash: it was changed'
        : `entry ${seq} does not match its hash: it, or entry ${seq - 1} before it, was changed`);
    }
  }
  if (checks.length < version) {
    return broken(checks.length + 1, `entries ${checks.length + 1} to ${version} are missing: the decision is at version ${version}`);
  }
  if (checks.length > version) return broken(version + 1, `entry ${version + 1} was added after the decision's last change (version ${version})`);
  return { valid: true, entries: checks.length, head };
}
