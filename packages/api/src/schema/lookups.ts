// Look-ups by code, so that a client need not page through a list to find one organisation or series.
import { findOrganizationsByCodes, listSeries, type StatisticSeriesRow } from '@notabene/db';
import { builder } from '../builder.js';
import { Organization } from './organization.js';
import { StatisticSeries } from './statistics.js';

builder.queryFields((t) => ({
  organization: t.field({
    type: Organization,
    nullable: true,
    description: 'One organisation by code or alias, case-insensitive (organisatie op afkorting), e.g. "DGM" or "SWZ"; null when there is none.',
    args: { code: t.arg.string({ required: true, description: 'Code or alias (afkorting), e.g. "BZ".' }) },
    resolve: async (_root, args, ctx) => {
      const code = args.code.trim();
      if (code === '') return null;
      return (await findOrganizationsByCodes(ctx.conn.db, [code])).get(code) ?? null;
    },
  }),
  statisticSeriesByCode: t.field({
    type: StatisticSeries,
    nullable: true,
    description: 'One statistical series by its exact code (reeks op code); null when there is none.',
    args: { code: t.arg.string({ required: true, description: 'The series code (code), as in the statistics CSV.' }) },
    resolve: async (_root, args, ctx) => {
      // The text filter matches substrings of codes and titles; page on until the exact code turns up.
      let after: string | undefined;
      for (;;) {
        const rows: StatisticSeriesRow[] = await listSeries(ctx.conn.db, { text: args.code }, { after, limit: 100, inverted: false });
        const hit = rows.find((s) => s.code === args.code);
        if (hit) return hit;
        if (rows.length < 100) return null;
        after = rows[rows.length - 1]!.code;
      }
    },
  }),
}));
