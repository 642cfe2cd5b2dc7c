/** The REST router tries literal segments before parameters, whatever order the features list their routes in. */
import { restRoutes } from '../../src/rest-facade/index.js';
import { matchOrder, type RestRoute } from '../../src/rest-facade/shared/router.js';

const route = (path: string): RestRoute => ({ method: 'get', path, programmes: ['ecf'], family: 'ecf', handle: () => Promise.resolve({}) });

describe('matchOrder', () => {
  it('puts a literal segment before a parameter at the first difference, keeping the given order otherwise', () => {
    const paths = [
      '/api/v3/participants/:id',
      '/api/v3/a/:id/x',
      '/api/v3/participants/npq',
      '/api/v3/participants/:id/transfers',
      '/api/v3/participants/transfers',
    ];
    const ordered = matchOrder(paths.map(route)).map((r) => r.path);
    expect(ordered.indexOf('/api/v3/participants/npq')).toBeLessThan(ordered.indexOf('/api/v3/participants/:id'));
    expect(ordered.indexOf('/api/v3/participants/transfers')).toBeLessThan(ordered.indexOf('/api/v3/participants/:id'));
    expect(ordered).toHaveLength(paths.length);
  });

  it('never lets a served parameter route shadow a served literal route', () => {
    const ordered = matchOrder(restRoutes);
    const segments = (p: string) => p.split('/');
    const shadows = (param: string, literal: string) => {
      const [a, b] = [segments(param), segments(literal)];
      return a.length === b.length && a.every((s, i) => s === b[i] || s.startsWith(':'));
    };
    for (const [i, earlier] of ordered.entries())
      for (const later of ordered.slice(i + 1))
        if (earlier.method === later.method && earlier.path !== later.path)
          expect([earlier.path, later.path, shadows(earlier.path, later.path)]).toEqual([earlier.path, later.path, false]);
  });
});
