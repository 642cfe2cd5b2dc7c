import qs from 'qs';

/**
 * The app's `query parser`: qs, bounded. Objects have no prototype (`toString`, `__proto__` and friends are
 * plain keys, never inherited methods or prototype writes); one level of brackets (`filter[cohort]`) is parsed
 * and anything deeper stays an opaque key the facade rejects; at most 100 parameters and 20 array items. Which
 * shapes a route accepts is decided in the facade (`cleanQuery`): strings only, no arrays.
 */
export function parseQueryString(text: string): Record<string, unknown> {
  return qs.parse(text, {
    plainObjects: true,
    allowPrototypes: false,
    depth: 1,
    parameterLimit: 100,
    arrayLimit: 20,
    allowDots: false,
    comma: false,
    duplicates: 'combine',
  });
}
