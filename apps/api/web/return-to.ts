/** Only a path inside the staff pages is a place to come back to after sign-in (never another site). */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string') return '/work';
  return /^\/work(?:[/?#]|$)/.test(value) && !value.includes('//') && !value.includes('\\') ? value : '/work';
}
