// One place where driver differences are smoothed out, so GraphQL sees one shape on both dialects.

/** SQLite gives 0/1, PostgreSQL true/false. */
export function toBool(v: number | boolean): boolean;
export function toBool(v: number | boolean | null): boolean | null;
export function toBool(v: number | boolean | null): boolean | null {
  return v === null ? null : v === true || v === 1;
}

/** Booleans are written as 0/1: better-sqlite3 cannot bind JS booleans and PostgreSQL accepts '0'/'1'. */
export function fromBool(v: boolean): number;
export function fromBool(v: boolean | null): number | null;
export function fromBool(v: boolean | null): number | null {
  return v === null ? null : v ? 1 : 0;
}

export function parseJsonArray<T>(text: string | null): T[] {
  if (!text) return [];
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as T[]) : [];
}

/** A LIKE pattern matching `text` anywhere, with %, _ and \ escaped (use with `escape '\'`). */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/** Groups rows by a key, keeping the order of `keys` (DataLoader needs one result per key, in order). */
export function groupByKey<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** Picks one row per key in the order of `keys` (or null). */
export function indexByKey<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): (T | null)[] {
  const map = new Map<K, T>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}
