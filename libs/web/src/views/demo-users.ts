import type { Actor } from '#libs/lifecycle';

/**
 * The named people of the local sign-in page (no identity provider, never in production): one per role,
 * with the user ids the README's walk-through uses, so a decision drafted here names the same people.
 */
export const DEMO_USERS: (Actor & { does: string })[] = [
  { userId: 'u-officer', name: 'Bruce Penhale', roles: ['officer'], does: 'Officer: drafts decisions and answers consultees' },
  { userId: 'u-hr', name: 'Hannah Reid', roles: ['consultee:hr'], does: 'Consultee for HR: signs off or asks for changes' },
  { userId: 'u-fin', name: 'Farid Khan', roles: ['consultee:finance'], does: 'Consultee for finance' },
  { userId: 'u-legal', name: 'Laura Evans', roles: ['consultee:legal'], does: 'Consultee for legal services' },
  { userId: 'u-dm', name: 'Gerard Jones', roles: ['decision-maker'], does: 'Decision maker (Managing Director Children and Young People)' },
  { userId: 'u-ds', name: 'Dana Scott', roles: ['democratic-services'], does: 'Democratic services: publishes records, runs call-in' },
  { userId: 'u-scrutiny', name: 'Cllr Sam Patel', roles: ['scrutiny'], does: 'Scrutiny member: may call decisions in' },
  { userId: 'u-hr-ops', name: 'Priya Shah', roles: ['hr'], does: 'HR: settles temporary staffing arrangements' },
  { userId: 'u-admin', name: 'Alex Morgan', roles: ['admin'], does: 'Administrator' },
];

export function demoUser(userId: unknown): Actor | null {
  const user = DEMO_USERS.find((u) => u.userId === userId);
  return user ? { userId: user.userId, name: user.name, roles: [...user.roles] } : null;
}
