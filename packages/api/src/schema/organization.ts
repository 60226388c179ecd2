import { resolveCursorConnection } from '@pothos/plugin-relay';
import { countOrganizations, listOrganizations, type OrganizationRow } from '@notabene/db';
import { builder } from '../builder.js';
import { isDbId } from './ids.js';
import { checkPageArgs, keyCursor, isString } from './cursors.js';
import { OrganizationKindEnum } from './enums.js';

const ORGANIZATION_CURSOR = keyCursor('org', isString);

export const Organization = builder.objectRef<OrganizationRow>('Organization');

builder.node(Organization, {
  description: 'A government organisation: ministry, directorate-general, directorate or bureau (organisatieonderdeel).',
  id: { resolve: (o) => o.id },
  loadMany: (ids, ctx) => ids.map((id) => (isDbId(id) ? ctx.loaders.organization.load(Number(id)) : null)),
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Abbreviation used in memos and filters (afkorting), e.g. "BZ", "DGM".' }),
    name: t.exposeString('name', { description: 'Full name (naam), e.g. "Directoraat-Generaal Migratie".' }),
    kind: t.field({ type: OrganizationKindEnum, description: 'Level in the hierarchy (soort).', resolve: (o) => o.kind as never }),
    parent: t.field({
      type: Organization,
      nullable: true,
      description: 'The organisation this one is part of (valt onder): bureau → directorate → DG → ministry.',
      resolve: (o, _args, ctx) => (o.parent_id === null ? null : ctx.loaders.organization.load(o.parent_id)),
    }),
    aliases: t.stringList({
      description: 'Other abbreviations that mean this organisation (alternatieve afkortingen), e.g. "SWZ" for SZW.',
      resolve: (o, _args, ctx) => ctx.loaders.aliases.load(o.id),
    }),
  }),
});

const OrganizationFilter = builder.inputType('OrganizationFilter', {
  description: 'Narrows the list of organisations (filter organisaties).',
  fields: (t) => ({
    kind: t.field({ type: OrganizationKindEnum, required: false, description: 'Only this level (soort).' }),
    parentCode: t.string({ required: false, description: 'Only direct parts of this organisation (onderdelen van).' }),
    text: t.string({ required: false, description: 'Part of the name or code, case-insensitive (zoektekst).' }),
  }),
});

builder.queryFields((t) => ({
  organizations: t.connection(
    {
      type: Organization,
      description: 'The organisation register, ordered by code (organisaties).',
      args: { filter: t.arg({ type: OrganizationFilter, required: false }) },
      resolve: async (_root, args, ctx) => {
        const filter = { kind: args.filter?.kind ?? null, parentCode: args.filter?.parentCode ?? null, text: args.filter?.text ?? null };
        checkPageArgs(args);
        const after = ORGANIZATION_CURSOR.decode(args.after);
        const before = ORGANIZATION_CURSOR.decode(args.before);
        const page = await resolveCursorConnection<Promise<OrganizationRow[]>>(
          { args, toCursor: (o: OrganizationRow) => ORGANIZATION_CURSOR.encode(o.code) },
          ({ limit, inverted }) => listOrganizations(ctx.conn.db, filter, { after, before, limit, inverted }),
        );
        return { ...page, totalCount: () => countOrganizations(ctx.conn.db, filter) };
      },
    },
    {
      description: 'A page of organisations.',
      fields: (t) => ({
        totalCount: t.int({ description: 'Number of organisations matching the filter (totaal).', resolve: (c) => c.totalCount() }),
      }),
    },
    { description: 'An organisation in a page.' },
  ),
}));
