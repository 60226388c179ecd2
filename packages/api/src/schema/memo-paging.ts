import { resolveCursorConnection } from '@pothos/plugin-relay';
import { isValidCursorValue, listMemos, memoCursorKey, type MemoFilter, type MemoOrderField, type MemoRow, type SortDirection } from '@notabene/db';
import type { Context } from '../context.js';
import { badCursor, checkPageArgs, decodeCursor, encodeCursor } from './cursors.js';

export interface MemoOrder {
  field: MemoOrderField;
  direction: SortDirection;
}

export interface PagingArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

// A cursor records the order it was made for, so that reusing it with another order is an error
// instead of a silently wrong page.
function cursorFor(row: MemoRow, order: MemoOrder): string {
  return encodeCursor(['memo', order.field, order.direction, ...memoCursorKey(row, order.field)]);
}

function parseCursor(cursor: string | null | undefined, order: MemoOrder): [string, number] | undefined {
  if (cursor == null) return undefined;
  const v = decodeCursor(cursor);
  if (!Array.isArray(v) || v.length !== 5 || v[0] !== 'memo' || typeof v[3] !== 'string' || !Number.isInteger(v[4])) throw badCursor();
  if (v[1] !== order.field || v[2] !== order.direction) {
    throw badCursor(`it was made for orderBy ${String(v[1])} ${String(v[2])}, not ${order.field} ${order.direction}`);
  }
  if (!isValidCursorValue(order.field, v[3])) throw badCursor();
  return [v[3], v[4] as number];
}

/** One Relay page of memos by keyset; cursors stay valid while rows change around them. */
export async function pageMemos(ctx: Context, args: PagingArgs, filter: MemoFilter, order: MemoOrder) {
  checkPageArgs(args);
  const after = parseCursor(args.after, order);
  const before = parseCursor(args.before, order);
  const page = await resolveCursorConnection<Promise<MemoRow[]>>(
    { args, toCursor: (row: MemoRow) => cursorFor(row, order) },
    async ({ limit, inverted }) => {
      const rows = await listMemos(ctx.conn.db, filter, order, { after, before, limit, inverted });
      // Prime the per-request cache so node/nested look-ups of these memos cost nothing more.
      for (const row of rows) ctx.loaders.memo.prime(row.id, row);
      return rows;
    },
  );
  return page;
}

function compareKeys(a: [string, number], b: [string, number]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1];
}

/**
 * The same paging over rows already in memory (a nested list loaded in one batch for all
 * parents), with the same cursors as `pageMemos`.
 */
export async function pageMemosInMemory(rows: readonly MemoRow[], args: PagingArgs, order: MemoOrder) {
  checkPageArgs(args);
  const after = parseCursor(args.after, order);
  const before = parseCursor(args.before, order);
  const sign = order.direction === 'ASC' ? 1 : -1;
  const sorted = [...rows].sort((a, b) => sign * compareKeys(memoCursorKey(a, order.field), memoCursorKey(b, order.field)));
  const inRange = sorted.filter((r) => {
    const k = memoCursorKey(r, order.field);
    if (after && sign * compareKeys(k, after) <= 0) return false;
    if (before && sign * compareKeys(k, before) >= 0) return false;
    return true;
  });
  return resolveCursorConnection<Promise<MemoRow[]>>({ args, toCursor: (row: MemoRow) => cursorFor(row, order) }, async ({ limit, inverted }) =>
    inverted ? inRange.slice(-limit).reverse() : inRange.slice(0, limit),
  );
}
