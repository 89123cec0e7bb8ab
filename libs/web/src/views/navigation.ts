import type { Actor } from '#libs/lifecycle';

/**
 * The service navigation. Pages that other parts of Ratify bring (the staffing arrangements register, the
 * record import, the public register) are listed with the feature that serves them, and shown once their
 * feature is enabled in WEB_FEATURES.
 */
export interface NavItem {
  href: string;
  text: string;
  /** Shown to holders of any of these roles (none: everyone signed in). */
  roles?: string[];
  feature?: WebFeature;
}

export type WebFeature = 'arrangements' | 'import' | 'register';

/** Features whose pages are mounted in this build: add yours here when its pages land. */
export const WEB_FEATURES: ReadonlySet<WebFeature> = new Set<WebFeature>(['arrangements', 'import', 'register']);

export const NAVIGATION: NavItem[] = [
  { href: '/work', text: 'My work' },
  { href: '/work/decisions', text: 'Decisions' },
  { href: '/work/decisions/new', text: 'New draft', roles: ['officer'] },
  { href: '/work/arrangements', text: 'Staffing arrangements', roles: ['hr', 'admin'], feature: 'arrangements' },
  { href: '/work/import', text: 'Import a record', roles: ['democratic-services', 'admin'], feature: 'import' },
  { href: '/register', text: 'Public register', feature: 'register' },
];

/** What someone not signed in is offered: the public pages, and signing in. Same header, same service. */
export const PUBLIC_NAVIGATION: NavItem[] = [
  { href: '/register', text: 'Decisions register', feature: 'register' },
  { href: '/register/forward-plan', text: 'Forward plan', feature: 'register' },
  { href: '/sign-in', text: 'Sign in' },
];

export function navigationFor(actor: Actor | null, path: string, features: ReadonlySet<WebFeature> = WEB_FEATURES) {
  const items = actor ? NAVIGATION.filter((item) => !item.roles || item.roles.some((r) => actor.roles.includes(r))) : PUBLIC_NAVIGATION;
  const visible = items.filter((item) => !item.feature || features.has(item.feature));
  // The deepest item whose path starts the current one is the current section.
  const current = visible.filter((i) => path === i.href || path.startsWith(`${i.href}/`)).sort((a, b) => b.href.length - a.href.length)[0];
  return visible.map((item) => ({ href: item.href, text: item.text, active: item === current }));
}
