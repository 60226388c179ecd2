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

/**
 * A pull ordered by update time, oldest first, sees the register as it was at one moment: changes made while a
 * job pages through it fall after that moment and come in its next pull (updatedSince = snapshotAt)
 * instead of being repeated at the end of this one. The moment lags the clock a little, so that a
 * write transaction that began before it has committed by the time its rows could be skipped.
 */
export const SNAPSHOT_LAG_MS = 2_000;

// A cursor records the order it was made for, so that reusing it with another order is an error
// instead of a silently wrong page; pulls by update time also carry their snapshot moment.
function cursorFor(row: MemoRow, order: MemoOrder, snapshotAt: string | null): string {
  return encodeCursor(['memo', order.field, order.direction, ...memoCursorKey(row, order.field), ...(snapshotAt ? [snapshotAt] : [])]);
}

// Newest-first lists by update time are views of recent changes: they show the latest at once and
// need no snapshot.
const isPull = (order: MemoOrder) => order.field === 'UPDATED_AT' && order.direction === 'ASC';

interface ParsedCursor {
  key: [string, number];
  snapshotAt: string | null;
}

function parseCursor(cursor: string | null | undefined, order: MemoOrder): ParsedCursor | undefined {
  if (cursor == null) return undefined;
  const v = decodeCursor(cursor);
  // Only pulls by update time carry a snapshot (nested lists page in memory and have none).
  const allowedLengths = isPull(order) ? [5, 6] : [5];
  if (!Array.isArray(v) || v.length < 5 || v[0] !== 'memo' || typeof v[3] !== 'string' || !Number.isInteger(v[4])) throw badCursor();
  if (v[1] !== order.field || v[2] !== order.direction) {
    throw badCursor(`it was made for orderBy ${String(v[1])} ${String(v[2])}, not ${order.field} ${order.direction}`);
  }
  if (!allowedLengths.includes(v.length) || !isValidCursorValue(order.field, v[3])) throw badCursor();
  const snapshotAt = v.length === 6 ? v[5] : null;
  if (snapshotAt !== null && (typeof snapshotAt !== 'string' || Number.isNaN(Date.parse(snapshotAt)))) throw badCursor();
  return { key: [v[3], v[4] as number], snapshotAt };
}

/**
 * One Relay page of memos by keyset; cursors stay valid while rows change around them. Returns the
 * filter actually applied (with the snapshot bound) so that totalCount counts the same set.
 */
export async function pageMemos(ctx: Context, args: PagingArgs, filter: MemoFilter, order: MemoOrder) {
  checkPageArgs(args);
  const after = parseCursor(args.after, order);
  const before = parseCursor(args.before, order);
  if (after?.snapshotAt && before?.snapshotAt && after.snapshotAt !== before.snapshotAt) throw badCursor('after and before belong to different pulls');
  const snapshotAt =
    isPull(order) ? (after?.snapshotAt ?? before?.snapshotAt ?? new Date(Date.now() - SNAPSHOT_LAG_MS).toISOString()) : null;
  const effective: MemoFilter = snapshotAt ? { ...filter, updatedUntil: snapshotAt } : filter;
  const page = await resolveCursorConnection<Promise<MemoRow[]>>(
    { args, toCursor: (row: MemoRow) => cursorFor(row, order, snapshotAt) },
    async ({ limit, inverted }) => {
      const rows = await listMemos(ctx.conn.db, effective, order, { after: after?.key, before: before?.key, limit, inverted });
      // Prime the per-request cache so node/nested look-ups of these memos cost nothing more.
      for (const row of rows) ctx.loaders.memo.prime(row.id, row);
      return rows;
    },
  );
  return { page, filter: effective, snapshotAt };
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
  const after = parseCursor(args.after, order)?.key;
  const before = parseCursor(args.before, order)?.key;
  const sign = order.direction === 'ASC' ? 1 : -1;
  const sorted = [...rows].sort((a, b) => sign * compareKeys(memoCursorKey(a, order.field), memoCursorKey(b, order.field)));
  const inRange = sorted.filter((r) => {
    const k = memoCursorKey(r, order.field);
    if (after && sign * compareKeys(k, after) <= 0) return false;
    if (before && sign * compareKeys(k, before) >= 0) return false;
    return true;
  });
  return resolveCursorConnection<Promise<MemoRow[]>>({ args, toCursor: (row: MemoRow) => cursorFor(row, order, null) }, async ({ limit, inverted }) =>
    inverted ? inRange.slice(-limit).reverse() : inRange.slice(0, limit),
  );
}
