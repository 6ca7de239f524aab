import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, kept in the GraphQL context: one query per field per request,
 * never one per row, and never shared between users (each loader applies its user's rules).
 */
export type LoaderRegistry = Map<string, DataLoader<string, unknown>>;

export function loaderFor<V>(ctx: { loaders: LoaderRegistry }, name: string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
  let loader = ctx.loaders.get(name) as DataLoader<string, V> | undefined;
  if (!loader) {
    loader = new DataLoader<string, V>(batch);
    ctx.loaders.set(name, loader as DataLoader<string, unknown>);
  }
  return loader;
}

/** Groups rows by a key, in the order of `keys`, for to-many loaders. */
export function groupByKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k)!);
}
