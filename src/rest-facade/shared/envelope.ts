/** JSON:API-style envelopes as the live services render them: no meta, links or counts (ecf.md §2.2). */
export interface Resource<T extends string = string, A = unknown> {
  id: string;
  type: T;
  attributes: A;
}

/**
 * A resource object. Serializers name the served document's schema of it (`resource<EcfPartnership>(…)`, types
 * generated from spec/ into ../generated/openapi-v3.ts), so `type` and every attribute are checked against it.
 */
export const resource = <R extends Resource>(type: R['type'], id: string, attributes: R['attributes']): Resource<R['type'], R['attributes']> => ({
  id,
  type,
  attributes,
});
export const single = <R extends Resource>(r: R) => ({ data: r });
export const collection = <R extends Resource>(rs: R[]) => ({ data: rs });
