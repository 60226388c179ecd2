import { GraphQLError } from 'graphql';

/** Cursors are opaque to clients: base64url JSON that also records the order they belong to. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw badCursor();
  }
}

export function badCursor(detail = 'it is not a cursor this API gave out'): GraphQLError {
  return new GraphQLError(`Invalid cursor: ${detail}.`, { extensions: { code: 'BAD_USER_INPUT' } });
}

export function badInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } });
}

export const MAX_PAGE_SIZE = 100;

/** Relay page sizes: refuse out-of-range values instead of silently clamping them. */
export function checkPageArgs(args: { first?: number | null; last?: number | null }): void {
  for (const name of ['first', 'last'] as const) {
    const v = args[name];
    if (v != null && (v < 0 || v > MAX_PAGE_SIZE)) {
      throw badInput(`${name} must be between 0 and ${MAX_PAGE_SIZE} (got ${v}); page through larger results with cursors.`, name);
    }
  }
}

/**
 * Cursors of a list ordered by one unique key (organisations and series by code, audit entries by
 * id): `[tag, key]`, where the tag keeps a cursor of one list from being used on another.
 */
export function keyCursor<K extends string | number>(tag: string, isKey: (value: unknown) => value is K) {
  return {
    encode: (key: K): string => encodeCursor([tag, key]),
    decode: (cursor: string | null | undefined): K | undefined => {
      if (cursor == null) return undefined;
      const v = decodeCursor(cursor);
      if (!Array.isArray(v) || v.length !== 2 || v[0] !== tag || !isKey(v[1])) throw badCursor();
      return v[1];
    },
  };
}

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isInteger = (value: unknown): value is number => Number.isInteger(value);
