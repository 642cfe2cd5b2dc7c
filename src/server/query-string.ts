import qs from 'qs';

/**
 * The app's `query parser`: qs, bounded. Objects have no prototype (`toString`, `__proto__` and friends are
 * plain keys, never inherited methods or prototype writes); one level of brackets (`filter[cohort]`) is parsed
 * and anything deeper stays an opaque key the facade rejects; at most 100 parameters and 20 array items. Which
 * shapes a route accepts is decided in the facade (`cleanQuery`): strings only, no arrays.
 */
export function parseQueryString(text: string | null | undefined): Record<string, unknown> {
  // Express passes null for a URL without a query string.
  if (!text) return Object.create(null) as Record<string, unknown>;
  return qs.parse(text.includes(']=') ? keysEndAtFirstEquals(text) : text, {
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

/**
 * A pair's key ends at its first `=`, as Rack (the live services) and URLSearchParams read it. qs ends it at a `]=`
 * when there is one, so `filter=filter[cohort]=2022` became the key `filter=filter[cohort]` and its filter was
 * silently dropped (200, unfiltered) where the live services answer 400 "Filter must be a hash". The value's `=`,
 * `[` and `]` are percent-encoded here, which qs decodes back: the parsed value is unchanged.
 */
function keysEndAtFirstEquals(text: string): string {
  return text
    .split('&')
    .map((pair) => {
      const i = pair.indexOf('=');
      return i < 0 ? pair : pair.slice(0, i + 1) + pair.slice(i + 1).replace(/[=[\]]/g, (c) => encodeURIComponent(c));
    })
    .join('&');
}
