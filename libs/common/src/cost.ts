/**
 * What a field that does more than read records counts toward GRAPHQL_MAX_COST, declared on the
 * field (`@Query(…, { complexity })`) and added up in apps/api/request-limits.ts, where a record
 * counts 1: a report built from every record of a service, or a person's whole file, as a
 * thousand records; counts grouped over a period, as a hundred.
 */
export const REPORT_COST = 1000;
export const AGGREGATE_COST = 100;
