import type { NextFunction, Request, Response } from 'express';

export interface RouteMethods {
  /** Express-style path: literal segments and `:param` segments. */
  path: string;
  methods: string[];
}

/**
 * `OPTIONS` on a served path answers `204 No Content` with `Allow` listing its methods (HEAD with GET, and
 * OPTIONS). The API is called server to server with bearer tokens, so there is no CORS preflight answer (no
 * `Access-Control-*` headers): browsers on other origins are not supported clients. An unknown path falls
 * through to the JSON 404. When a literal route and a `:id` route both match (`/partnerships/ecf`), the
 * literal one wins, as express routes them.
 */
export function optionsResponder(routes: RouteMethods[]) {
  const table = routes.map((r) => ({ segments: r.path.toLowerCase().split('/').filter(Boolean), methods: r.methods.map((m) => m.toUpperCase()) }));
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'OPTIONS') return next();
    const parts = req.path.toLowerCase().split('/').filter(Boolean);
    let best: { params: number; methods: Set<string> } | undefined;
    for (const route of table) {
      if (route.segments.length !== parts.length) continue;
      if (!route.segments.every((s, i) => s.startsWith(':') || s === parts[i])) continue;
      const params = route.segments.filter((s) => s.startsWith(':')).length;
      if (!best || params < best.params) best = { params, methods: new Set(route.methods) };
      else if (params === best.params) for (const m of route.methods) best.methods.add(m);
    }
    if (!best) return next();
    const allow = new Set(best.methods);
    if (allow.has('GET')) allow.add('HEAD');
    allow.add('OPTIONS');
    const order = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
    res.setHeader('Allow', [...allow].sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(', '));
    res.status(204).end();
  };
}
