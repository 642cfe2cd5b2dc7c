/**
 * The live services' 400 wording, copied from the digests (not imported from src, so tests catch a
 * changed message): ECF on ECF paths and for ECF tokens on shared paths, RECT on RECT paths, NPQ for NPQ tokens.
 */
export const PAGE_DETAIL = {
  ecf: "The '#/page[page]' and '#/page[per_page]' parameter values must be a valid number (equal and more than 1)",
  rect: "The '#/page[page]' and '#/page[per_page]' parameter values must be a valid positive number",
  npq: "The '#/page[page]' and '#/page[per_page]' parameter values must be a valid positive number",
} as const;

export const UPDATED_SINCE_DETAIL = {
  ecf: "The filter '#/updated_since' must be a valid RCF3339 date", // sic, ecf.md §2.4
  rect: "The filter '#/updated_since' must be a valid ISO 8601 date",
  npq: "The filter '#/updated_since' must be a valid ISO 8601 date",
} as const;
