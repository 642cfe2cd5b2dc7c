import { Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { clampPage, DEFAULT_PER_PAGE, MAX_PER_PAGE, type Page, type PageRequest } from '../../domain/shared/list-query.js';

/** The rows a list field will really return: its `page.perPage` (default 100), clamped as the domain clamps it. */
function rowsOf(args: Record<string, unknown>): number {
  const perPage = (args.page as { perPage?: unknown } | null | undefined)?.perPage;
  const n = typeof perPage === 'number' && Number.isFinite(perPage) ? perPage : DEFAULT_PER_PAGE;
  return Math.min(Math.max(Math.trunc(n), 1), MAX_PER_PAGE);
}

/**
 * Query cost of a paged list field: rows × the cost of one row (`items { … }`; the page's own fields are
 * free), at least rows × 1. A list without a `page` argument costs its default 100 rows.
 */
export const pagedListComplexity: ComplexityEstimator = ({ args, childComplexity }) => rowsOf(args) * Math.max(childComplexity, 1);

/** Base class of every `…Page` type: one page of a list and whether another follows. */
export function PageOf<T extends object>(item: ClassType<T>, what: string) {
  @ObjectType()
  abstract class ListPage {
    @Field(() => [item], { description: `The ${what} on this page, in the list's order.`, complexity: ({ childComplexity }) => childComplexity })
    items!: T[];

    @Field({ description: 'True when the next page has at least one row.', complexity: 0 })
    hasNextPage!: boolean;

    @Field(() => Int, { description: 'The page number read (1-based).', complexity: 0 })
    page!: number;

    @Field(() => Int, { description: 'The page size used: the requested perPage clamped to 1–3000.', complexity: 0 })
    perPage!: number;
  }
  return ListPage;
}

/** A domain `Page<T>` as a GraphQL page object, with the paging actually applied. */
export function pageResult<T>(page: Page<T>, request: PageRequest): { items: T[]; hasNextPage: boolean; page: number; perPage: number } {
  const applied = clampPage(request);
  return { items: page.items, hasNextPage: page.hasNextPage, page: applied.page, perPage: applied.perPage };
}
