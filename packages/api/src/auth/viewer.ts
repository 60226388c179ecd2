/** Who is asking. Every read and write decision is made from this, in one place per concern. */
export type Role = 'public' | 'reader' | 'editor' | 'admin';

export const ROLES: readonly Role[] = ['public', 'reader', 'editor', 'admin'];

export interface Viewer {
  role: Role;
  /** JWT `sub`, or null for anonymous and API keys. */
  subject: string | null;
  /** Name of the API key used, when one was. */
  apiKeyName: string | null;
}

export const ANONYMOUS: Viewer = Object.freeze({ role: 'public', subject: null, apiKeyName: null });

const RANK: Record<Role, number> = { public: 0, reader: 1, editor: 2, admin: 3 };

/** Roles are ordered: admin ⊃ editor ⊃ reader ⊃ public. */
export function hasRole(viewer: Viewer, role: Role): boolean {
  return RANK[viewer.role] >= RANK[role];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Statuses a viewer may see: the public sees published memos only. */
export function visibleStatuses(viewer: Viewer): string[] | null {
  return hasRole(viewer, 'reader') ? null : ['PUBLISHED'];
}

/** Whether content withheld under the Woo is shown to this viewer. */
export function seesWithheld(viewer: Viewer): boolean {
  return hasRole(viewer, 'reader');
}

/**
 * Narrows a memo filter to what the viewer may see. Every list of memos (memos, search, export)
 * goes through here; single look-ups go through the visibility check in the memo loaders.
 */
export function scopeStatuses(viewer: Viewer, requested: string[] | null | undefined): string[] | null {
  const allowed = visibleStatuses(viewer);
  if (allowed === null) return requested?.length ? requested : null;
  if (!requested?.length) return allowed;
  const both = requested.filter((s) => allowed.includes(s));
  // An empty IN list would be a syntax error; a status that never exists matches nothing.
  return both.length > 0 ? both : ['__none__'];
}

export function canSeeMemo(viewer: Viewer, memo: { status: string }): boolean {
  const allowed = visibleStatuses(viewer);
  return allowed === null || allowed.includes(memo.status);
}
