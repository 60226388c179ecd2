import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import { ANONYMOUS, canSeeMemo, type Viewer } from './auth/viewer.js';
import {
  aliasesByOrganizationIds,
  considerationsByMemoIds,
  consultedOrganizationIdsByMemoIds,
  countriesByCodes,
  countriesByMemoIds,
  memoIdsBySeriesIds,
  memosByIds,
  memosByReferences,
  observationsBySeriesIds,
  organizationsByIds,
  politicalContextByMemoIds,
  redactionsByMemoIds,
  sectionsByMemoIds,
  seriesByIds,
  statisticSeriesIdsByMemoIds,
  topicsByMemoIds,
  withheldSectionKindsByMemoIds,
  type Connection,
} from '@notabene/db';

/** Per-request batch loaders: every nested list costs one statement per request, not one per parent. */
export function createLoaders(conn: Connection, viewer: Viewer) {
  const { db } = conn;
  // Memos the viewer may not see (drafts and archived memos for the public) load as null, so that
  // memo(id), memo(reference), node, nodes and nested lists cannot reach them.
  const visible = <T extends { status: string } | null>(rows: T[]) => rows.map((r) => (r && canSeeMemo(viewer, r) ? r : null));
  // DataLoader wants a function from keys to values in the same order; the db functions do exactly that.
  const loader = <K, V>(fn: (keys: readonly K[]) => Promise<V[]>) => new DataLoader<K, V>((keys) => fn(keys), { maxBatchSize: 1000 });
  return {
    memo: loader(async (ids: readonly number[]) => visible(await memosByIds(db, ids))),
    memoByReference: loader(async (refs: readonly string[]) => visible(await memosByReferences(db, refs))),
    sections: loader((ids: readonly number[]) => sectionsByMemoIds(db, ids)),
    withheldKinds: loader((ids: readonly number[]) => withheldSectionKindsByMemoIds(db, ids)),
    politicalContext: loader((ids: readonly number[]) => politicalContextByMemoIds(db, ids)),
    considerations: loader((ids: readonly number[]) => considerationsByMemoIds(db, ids)),
    consultedOrganizationIds: loader((ids: readonly number[]) => consultedOrganizationIdsByMemoIds(db, ids)),
    redactions: loader((ids: readonly number[]) => redactionsByMemoIds(db, ids)),
    topics: loader((ids: readonly number[]) => topicsByMemoIds(db, ids)),
    countries: loader((ids: readonly number[]) => countriesByMemoIds(db, ids)),
    country: loader((codes: readonly string[]) => countriesByCodes(db, codes)),
    seriesIdsOfMemo: loader((ids: readonly number[]) => statisticSeriesIdsByMemoIds(db, ids)),
    memoIdsOfSeries: loader((ids: readonly number[]) => memoIdsBySeriesIds(db, ids)),
    organization: loader((ids: readonly number[]) => organizationsByIds(db, ids)),
    aliases: loader((ids: readonly number[]) => aliasesByOrganizationIds(db, ids)),
    series: loader((ids: readonly number[]) => seriesByIds(db, ids)),
    // Observations with a date range are keyed by "from|to" too, so fields with different ranges batch separately.
    observations: new DataLoader<{ seriesId: number; from: string | null; to: string | null }, Awaited<ReturnType<typeof observationsBySeriesIds>>[number], string>(
      async (keys) => {
        const groups = new Map<string, number[]>();
        for (const k of keys) {
          const g = `${k.from ?? ''}|${k.to ?? ''}`;
          groups.set(g, [...(groups.get(g) ?? []), k.seriesId]);
        }
        const results = new Map<string, Awaited<ReturnType<typeof observationsBySeriesIds>>[number]>();
        for (const [g, ids] of groups) {
          const [from, to] = g.split('|');
          const rows = await observationsBySeriesIds(db, ids, { from: from || null, to: to || null });
          ids.forEach((id, i) => results.set(`${id}|${g}`, rows[i]!));
        }
        return keys.map((k) => results.get(`${k.seriesId}|${k.from ?? ''}|${k.to ?? ''}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.seriesId}|${k.from ?? ''}|${k.to ?? ''}` },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  conn: Connection;
  /** Replaced after each write, so that a mutation's result is read fresh. */
  loaders: Loaders;
  requestId: string;
  viewer: Viewer;
}

/** A fresh context per request: loaders cache only within one request, and only what the viewer may see. */
export function createContext(conn: Connection, viewer: Viewer = ANONYMOUS, requestId: string = randomUUID()): Context {
  return { conn, loaders: createLoaders(conn, viewer), requestId, viewer };
}
