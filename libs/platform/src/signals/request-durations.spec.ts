import { routeOf, STATIC_ROUTE, UNMATCHED_ROUTE } from './request-durations';

describe('the route a request is timed under', () => {
  it.each([
    [
      'a controller route, by its pattern',
      { route: { path: '/api/spaces/:id' }, baseUrl: '' },
      '/api/spaces/:id',
    ],
    [
      'a route of a router mounted under a prefix',
      { route: { path: '/api/queues' }, baseUrl: '/queues' },
      '/queues/api/queues',
    ],
    ['the root', { route: { path: '/' }, baseUrl: '' }, '/'],
    [
      "Nest's catch-all answer to an unknown path",
      { route: { path: '/{*path}' }, baseUrl: '' },
      UNMATCHED_ROUTE,
    ],
    ['a file served from a folder', { baseUrl: '/map/assets' }, STATIC_ROUTE],
  ])('%s', (_what, request, route) => {
    expect(routeOf(request)).toBe(route);
  });
});
