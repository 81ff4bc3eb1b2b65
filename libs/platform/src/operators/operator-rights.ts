// Who may do what: the four roles, the rights they hold, and the right every operator route needs. Pure, so
// the table is read (and tested) in one place; a route missing from it needs the admin's right.

export const ROLES = ['admin', 'reviewer', 'dispatcher', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * operators: accounts and roles; review: approve, reject, edit and retire spaces; dispatch: see and act on
 * bookings (assign, cancel); watch: dashboards, queues, metrics and deliveries; self: one's own tokens.
 */
export type Right = 'operators' | 'review' | 'dispatch' | 'watch' | 'self';

export const RIGHTS_OF: Record<Role, readonly Right[]> = {
  admin: ['operators', 'review', 'dispatch', 'watch', 'self'],
  reviewer: ['review', 'watch', 'self'],
  dispatcher: ['dispatch', 'watch', 'self'],
  viewer: ['watch', 'self'],
};

/** Every operator route of every service ("METHOD /path" as Express holds it) and the right it needs. */
export const ROUTE_RIGHTS: Readonly<Record<string, Right>> = {
  // Public routes that show pending and unverified spaces to operators only.
  'GET /api/spaces': 'review',
  'GET /api/spaces.geojson': 'review',
  'GET /review': 'review',
  'POST /review/:id/approve': 'review',
  'POST /review/:id/reject': 'review',
  'POST /api/spaces/:id/approve': 'review',
  'POST /api/spaces/:id/reject': 'review',
  'POST /api/spaces/:id/retire': 'review',
  'PATCH /api/spaces/:id': 'review',
  // A host's change to reviewed fields, decided by a reviewer.
  'POST /api/spaces/:id/change/approve': 'review',
  'POST /api/spaces/:id/change/reject': 'review',
  'POST /review/changes/:id/approve': 'review',
  'POST /review/changes/:id/reject': 'review',
  'GET /bookings': 'dispatch',
  'POST /bookings/:id/assign': 'dispatch',
  'POST /bookings/:id/cancel': 'dispatch',
  'GET /api/bookings': 'dispatch',
  'GET /api/bookings/:id': 'dispatch',
  'POST /api/bookings/:id/cancel': 'dispatch',
  'POST /api/bookings/:id/assign': 'dispatch',
  'GET /api/notifications': 'watch',
  'GET /api/notifications/:id': 'watch',
  'GET /mailbox': 'watch',
  'GET /mailbox/:id': 'watch',
  'GET /metrics': 'watch',
  'GET /dashboard': 'watch',
  'GET /queues': 'watch',
  'GET /api/operators': 'operators',
  'POST /api/operators': 'operators',
  'PATCH /api/operators/:id': 'operators',
  'GET /api/operators/record': 'operators',
  'GET /operators/record': 'operators',
  'GET /api/operators/me': 'self',
  'GET /api/operators/me/tokens': 'self',
  'POST /api/operators/me/tokens': 'self',
  'DELETE /api/operators/me/tokens/:id': 'self',
  'GET /operators/account': 'self',
  'POST /operators/account/tokens': 'self',
  'POST /operators/account/tokens/:id/revoke': 'self',
  'POST /operators/sign-out': 'self',
  'GET /operators/account/second-factor': 'self',
  'POST /operators/account/second-factor': 'self',
  'POST /operators/account/second-factor/disable': 'self',
};

/** What the public sees more of as an operator (pending spaces, a booking's details): any role. */
export const ANY_OPERATOR: Right = 'watch';

export function rightOfRoute(method: string, path: string): Right {
  return ROUTE_RIGHTS[`${method.toUpperCase()} ${path}`] ?? 'operators';
}

export function mayDo(roles: readonly string[], right: Right): boolean {
  return roles.some((role) => (RIGHTS_OF[role as Role] ?? []).includes(right));
}

/** Countries an operator acts for: null means every country. */
export function inScope(countries: readonly string[] | null, country: string): boolean {
  return countries === null || countries.includes(country.toUpperCase());
}

export const RIGHT_NAMES: Record<Right, string> = {
  operators: 'managing operators',
  review: 'reviewing spaces',
  dispatch: 'handling bookings',
  watch: 'watching dashboards, queues and metrics',
  self: 'managing your own account',
};
