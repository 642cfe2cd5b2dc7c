/** JSON:API-style envelopes as the live services render them: no meta, links or counts (ecf.md §2.2). */
export interface Resource<A> {
  id: string;
  type: string;
  attributes: A;
}

export const resource = <A>(type: string, id: string, attributes: A): Resource<A> => ({ id, type, attributes });
export const single = <A>(r: Resource<A>) => ({ data: r });
export const collection = <A>(rs: Resource<A>[]) => ({ data: rs });
