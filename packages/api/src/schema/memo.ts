import {
  countMemos,
  parseJsonArray,
  toBool,
  type ConsiderationRow,
  type MemoFilter as DbMemoFilter,
  type MemoRow,
  type MemoSectionRow,
  type PoliticalContextItemRow,
  type RedactionRow,
} from '@notabene/db';
import { findWooGround } from '@notabene/ingest';
import { hasRole, scopeStatuses, seesWithheld } from '../auth/viewer.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { isDbId } from './ids.js';
import { Country } from './country.js';
import { badInput } from './cursors.js';
import {
  MemoKindEnum,
  MemoOrderFieldEnum,
  MemoStatusEnum,
  PoliticalContextKindEnum,
  SectionKindEnum,
  SortDirectionEnum,
} from './enums.js';
import { pageMemos, type MemoOrder } from './memo-paging.js';
import { Organization } from './organization.js';

export const Memo = builder.objectRef<MemoRow>('Memo');

interface RedactionShape {
  ground: string;
  explanation: string | null;
  section: string | null;
}

export const Redaction = builder.objectRef<RedactionShape>('Redaction').implement({
  description: 'Information withheld under the Woo, with the ground for it (weigeringsgrond).',
  fields: (t) => ({
    ground: t.exposeString('ground', { description: 'Woo ground code (weigeringsgrond), e.g. "5.1.2e" (personal privacy).' }),
    legalText: t.string({
      nullable: true,
      description: 'What the ground says in law (wettekst), e.g. "Artikel 5.1, tweede lid, aanhef en onder e, Woo: …".',
      resolve: (r) => findWooGround(r.ground)?.legalText ?? null,
    }),
    explanation: t.exposeString('explanation', { nullable: true, description: 'The memo\'s own explanation (toelichting).' }),
    section: t.exposeString('section', { nullable: true, description: 'Number of the section that gives the explanation (paragraaf), e.g. "5.1".' }),
  }),
});

export const MemoSection = builder.objectRef<MemoSectionRow>('MemoSection').implement({
  description: 'One section of a memo, in document order (paragraaf).',
  fields: (t) => ({
    number: t.exposeString('number', { nullable: true, description: 'Section number as printed (nummer), e.g. "4.1"; null when headings are unnumbered.' }),
    heading: t.exposeString('heading', { description: 'Heading as printed (kop), e.g. "Geadviseerd besluit"; empty for text before the first heading.' }),
    kind: t.field({ type: SectionKindEnum, description: 'Canonical kind of the section (soort).', resolve: (s) => s.kind as never }),
    body: t.string({
      nullable: true,
      description: 'The section\'s text (tekst); null when it is withheld from the viewer under the Woo (see redaction).',
      resolve: (s, _a, ctx) => (s.withheld_ground && !seesWithheld(ctx.viewer) ? null : s.body),
    }),
    notApplicable: t.boolean({ description: 'The section says "N.v.t." (niet van toepassing).', resolve: (s) => toBool(s.not_applicable) }),
    redaction: t.field({
      type: Redaction,
      nullable: true,
      description: 'Why the section is withheld, when it is (weigeringsgrond).',
      resolve: (s) =>
        s.withheld_ground ? { ground: s.withheld_ground, explanation: s.withheld_explanation, section: s.number } : null,
    }),
  }),
});

export const PoliticalContextItem = builder.objectRef<PoliticalContextItemRow>('PoliticalContextItem').implement({
  description: 'A parliamentary item the memo answers to (politieke context): motion, commitment, question, coalition agreement.',
  fields: (t) => ({
    kind: t.field({ type: PoliticalContextKindEnum, description: 'Kind of item (soort).', resolve: (p) => p.kind as never }),
    member: t.exposeString('member', { nullable: true, description: 'Member of parliament (Kamerlid), surname as written, e.g. "Ceder".' }),
    party: t.exposeString('party', { nullable: true, description: 'The member\'s party (fractie), when known, e.g. "ChristenUnie".' }),
    title: t.exposeString('title', { description: 'Title (titel), e.g. "Motie Ceder".' }),
    parliamentaryReference: t.exposeString('parliamentary_reference', {
      nullable: true,
      description: 'Identifier in the Tweede Kamer\'s open data (Kamerstuknummer / toezeggingnummer), e.g. "kst-36200-12", "TZ202412-116".',
    }),
    description: t.exposeString('description', { nullable: true, description: 'The sentence that mentions it (vindplaats).' }),
  }),
});

export const Consideration = builder.objectRef<ConsiderationRow>('Consideration').implement({
  description: 'Financial or legal considerations of a memo (financiële / juridische overwegingen).',
  fields: (t) => ({
    applicable: t.boolean({ description: 'False when the memo says "N.v.t." (van toepassing).', resolve: (c) => toBool(c.applicable) }),
    text: t.exposeString('text', { nullable: true, description: 'The text as written (tekst).' }),
    hasBudgetImpact: t.boolean({
      nullable: true,
      description: 'Financial only: whether the budget is affected (gevolgen voor de begroting); null when not stated.',
      resolve: (c) => toBool(c.has_budget_impact),
    }),
    amounts: t.floatList({ description: 'Amounts in euros named in the text (bedragen).', resolve: (c) => parseJsonArray<number>(c.amounts) }),
  }),
});

const MemoOrderInput = builder.inputType('MemoOrder', {
  description: 'Sort order of memos (sortering).',
  fields: (t) => ({
    field: t.field({ type: MemoOrderFieldEnum, required: true, defaultValue: 'DATE', description: 'Sort by (sorteerveld).' }),
    direction: t.field({ type: SortDirectionEnum, required: true, defaultValue: 'DESC', description: 'Direction (richting).' }),
  }),
});

export const MemoFilterInput = builder.inputType('MemoFilter', {
  description: 'Narrows a list of memos; all given conditions must hold (filter).',
  fields: (t) => ({
    dateFrom: t.field({ type: 'Date', required: false, description: 'Memo date on or after (datum vanaf).' }),
    dateTo: t.field({ type: 'Date', required: false, description: 'Memo date on or before (datum tot en met).' }),
    kind: t.field({ type: [MemoKindEnum], required: false, description: 'Any of these kinds (soort).' }),
    status: t.field({ type: [MemoStatusEnum], required: false, description: 'Any of these statuses (status).' }),
    statusLabel: t.string({ required: false, description: 'Status label, case-insensitive (statuslabel), e.g. "TER BESLISSING".' }),
    senderCode: t.string({
      required: false,
      description: 'Sent by this organisation or any part of it, by code or alias (afzender), e.g. "EZ" finds memos of its DGs and directorates.',
    }),
    politicalContextKind: t.field({ type: [PoliticalContextKindEnum], required: false, description: 'Has an item of any of these kinds (politieke context).' }),
    member: t.string({ required: false, description: 'Names this member of parliament, case-insensitive surname (Kamerlid).' }),
    consultedOrganizationCode: t.string({ required: false, description: 'Consulted this organisation, by code or alias (krachtenveld).' }),
    topic: t.string({ required: false, description: 'Has this topic code (onderwerp), e.g. "return".' }),
    country: t.string({ required: false, description: 'Mentions this country, ISO 3166-1 alpha-2 (land), e.g. "MA".' }),
    updatedSince: t.field({ type: 'DateTime', required: false, description: 'Changed in the register after this moment (gewijzigd sinds).' }),
  }),
});

type MemoFilterArg = typeof MemoFilterInput.$inferInput;

/** GraphQL filter → db filter; validates what the type system cannot. */
export function toDbFilter(filter: MemoFilterArg | null | undefined): DbMemoFilter {
  if (!filter) return {};
  if (filter.dateFrom && filter.dateTo && filter.dateFrom > filter.dateTo) {
    throw badInput(`filter.dateFrom (${filter.dateFrom}) is after filter.dateTo (${filter.dateTo}).`, 'filter.dateFrom');
  }
  if (filter.country && !/^[A-Za-z]{2}$/.test(filter.country)) {
    throw badInput(`filter.country must be an ISO 3166-1 alpha-2 code such as "MA" (got "${filter.country}").`, 'filter.country');
  }
  const updatedSince = filter.updatedSince == null ? null : new Date(filter.updatedSince).toISOString();
  return {
    dateFrom: filter.dateFrom ?? null,
    dateTo: filter.dateTo ?? null,
    kinds: filter.kind ?? null,
    statuses: filter.status ?? null,
    statusLabel: filter.statusLabel ?? null,
    senderCode: filter.senderCode ?? null,
    politicalContextKinds: filter.politicalContextKind ?? null,
    member: filter.member ?? null,
    consultedOrganizationCode: filter.consultedOrganizationCode ?? null,
    topic: filter.topic ?? null,
    countryCode: filter.country ?? null,
    updatedSince,
  };
}

interface WithTotal {
  totalCount: () => Promise<number>;
}

export const MemoConnection = builder.connectionObject(
  {
    type: Memo,
    name: 'MemoConnection',
    description: 'A page of memos (pagina nota\'s).',
    fields: (t) => ({
      totalCount: t.int({
        description: 'Number of memos matching the filter, over all pages (totaal).',
        resolve: (c) => (c as unknown as WithTotal).totalCount(),
      }),
      snapshotAt: t.field({
        type: 'DateTime',
        nullable: true,
        description:
          'With orderBy UPDATED_AT ASC: the moment this pull sees the register at (peilmoment). Memos changed later are left out of every page of this pull; use it as updatedSince of the next pull to get them without gaps or repeats. Null for other orders.',
        resolve: (c) => (c as unknown as { snapshotAt?: string | null }).snapshotAt ?? null,
      }),
    }),
  },
  { name: 'MemoEdge', description: 'A memo in a page, with its cursor.' },
);

builder.node(Memo, {
  description: 'A ministerial memo (beslisnota or informatienota) with everything the register extracted from it.',
  id: { resolve: (m) => m.id },
  loadMany: (ids, ctx) => ids.map((id) => (isDbId(id) ? ctx.loaders.memo.load(Number(id)) : null)),
  fields: (t) => ({
    reference: t.exposeString('reference', { description: 'Reference (Ons kenmerk / Kenmerk), e.g. "4700831" or "DGBI-O / 95900464".' }),
    kind: t.field({ type: MemoKindEnum, description: 'Kind of memo (soort nota).', resolve: (m) => m.kind as never }),
    title: t.exposeString('title', { nullable: true, description: 'Title or subject (onderwerp / titel).' }),
    date: t.field({ type: 'Date', nullable: true, description: 'Date of the memo (datum).', resolve: (m) => m.date }),
    addressee: t.exposeString('addressee', { nullable: true, description: 'To whom it is addressed (aan), e.g. "De Staatssecretaris van Justitie en Veiligheid".' }),
    status: t.field({ type: MemoStatusEnum, description: 'Status in the register (publicatiestatus).', resolve: (m) => m.status as never }),
    statusLabel: t.exposeString('status_label', { nullable: true, description: 'Label printed on the memo (statuslabel), e.g. "TER BESLISSING".' }),
    sender: t.field({
      type: Organization,
      nullable: true,
      description: 'The organisation that wrote it (afzender), with its parent chain up to the ministry.',
      resolve: (m, _a, ctx) => (m.sender_organization_id === null ? null : ctx.loaders.organization.load(m.sender_organization_id)),
    }),
    occasion: t.string({
      nullable: true,
      description: 'Why the memo was written (aanleiding); null when that section is withheld from the viewer.',
      resolve: (m, _a, ctx) => unlessWithheld(ctx, m, 'OCCASION', m.occasion),
    }),
    advisedDecision: t.string({
      nullable: true,
      description: 'What the minister is advised to decide (geadviseerd besluit / advies); null when withheld from the viewer.',
      resolve: (m, _a, ctx) => unlessWithheld(ctx, m, 'ADVISED_DECISION', m.advised_decision),
    }),
    keyPoints: t.string({
      nullable: true,
      description: 'Key points (kernpunten); null when that section is withheld from the viewer.',
      resolve: (m, _a, ctx) => unlessWithheld(ctx, m, 'KEY_POINTS', m.key_points),
    }),
    attachments: t.stringList({ description: 'Attachments listed in the head block (bijlagen).', resolve: (m) => parseJsonArray<string>(m.attachments) }),
    copyTo: t.stringList({ description: 'Who receives a copy (kopie aan).', resolve: (m) => parseJsonArray<string>(m.copy_to) }),
    sections: t.field({
      type: [MemoSection],
      description: 'Every section in document order (paragrafen).',
      resolve: (m, _a, ctx) => ctx.loaders.sections.load(m.id),
    }),
    politicalContext: t.field({
      type: [PoliticalContextItem],
      description: 'Motions, commitments, questions and agreements the memo answers to (politieke context).',
      resolve: async (m, _a, ctx) => ((await withheldKinds(ctx, m)).has('POLITICAL_CONTEXT') ? [] : ctx.loaders.politicalContext.load(m.id)),
    }),
    financialConsiderations: t.field({
      type: Consideration,
      nullable: true,
      description: 'Financial considerations (financiële overwegingen); null when the memo has none.',
      resolve: async (m, _a, ctx) => ((await withheldKinds(ctx, m)).has('FINANCIAL_CONSIDERATIONS') ? null : (await ctx.loaders.considerations.load(m.id)).financial),
    }),
    legalConsiderations: t.field({
      type: Consideration,
      nullable: true,
      description: 'Legal considerations (juridische overwegingen); null when the memo has none.',
      resolve: async (m, _a, ctx) => ((await withheldKinds(ctx, m)).has('LEGAL_CONSIDERATIONS') ? null : (await ctx.loaders.considerations.load(m.id)).legal),
    }),
    consultedOrganizations: t.field({
      type: [Organization],
      description: 'Organisations consulted (krachtenveld: "afgestemd met").',
      resolve: async (m, _a, ctx) => {
        if ((await withheldKinds(ctx, m)).has('CONSULTATION')) return [];
        const ids = await ctx.loaders.consultedOrganizationIds.load(m.id);
        const orgs = await ctx.loaders.organization.loadMany(ids);
        return orgs.filter((o): o is Exclude<typeof o, null | Error> => o !== null && !(o instanceof Error));
      },
    }),
    redactions: t.field({
      type: [Redaction],
      description: 'What was withheld under the Woo and on which grounds (weigeringsgronden).',
      resolve: (m, _a, ctx) => ctx.loaders.redactions.load(m.id) as Promise<RedactionRow[]>,
    }),
    topics: t.stringList({ description: 'Topic codes (onderwerpen), e.g. "asylum", "return".', resolve: (m, _a, ctx) => ctx.loaders.topics.load(m.id) }),
    countries: t.field({ type: [Country], description: 'Countries the memo is about (landen).', resolve: (m, _a, ctx) => ctx.loaders.countries.load(m.id) }),
    importWarnings: t.stringList({
      description: 'What the importer could not place or had to infer (importwaarschuwingen); staff only, empty for the public.',
      resolve: (m, _a, ctx) => (hasRole(ctx.viewer, 'reader') ? parseJsonArray<string>(m.import_warnings) : []),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When it entered the register (aangemaakt).', resolve: (m) => m.created_at }),
    updatedAt: t.field({ type: 'DateTime', description: 'Last change in the register (gewijzigd).', resolve: (m) => m.updated_at }),
    version: t.exposeInt('version', { description: 'Incremented by every change (versie); used for optimistic concurrency.' }),
  }),
});

/**
 * Section kinds withheld from this viewer. Fields derived from a section (advised decision, key
 * points, considerations, consultations, political context) follow the section, so withholding a
 * section cannot leak through a field that copies it.
 */
async function withheldKinds(ctx: Context, memo: MemoRow): Promise<Set<string>> {
  if (seesWithheld(ctx.viewer)) return new Set();
  return new Set(await ctx.loaders.withheldKinds.load(memo.id));
}

async function unlessWithheld(ctx: Context, memo: MemoRow, kind: string, value: string | null): Promise<string | null> {
  return (await withheldKinds(ctx, memo)).has(kind) ? null : value;
}

const DEFAULT_ORDER: MemoOrder = { field: 'DATE', direction: 'DESC' };

builder.queryFields((t) => ({
  memo: t.field({
    type: Memo,
    nullable: true,
    description: 'One memo by global id or by reference (kenmerk); null when there is none.',
    args: {
      id: t.arg.id({ required: false, description: 'Global id.' }),
      reference: t.arg.string({ required: false, description: 'Reference as printed (kenmerk), e.g. "4700831".' }),
    },
    resolve: async (_root, args, ctx) => {
      if ((args.id == null) === (args.reference == null)) throw badInput('Give exactly one of id and reference.');
      if (args.reference != null) return ctx.loaders.memoByReference.load(args.reference.trim());
      const id = decodeMemoId(String(args.id));
      return id === null ? null : ctx.loaders.memo.load(id);
    },
  }),
  memos: t.field({
    type: MemoConnection,
    description: 'Memos matching a filter, a page at a time (nota\'s). At most 100 per page.',
    args: {
      ...t.arg.connectionArgs(),
      filter: t.arg({ type: MemoFilterInput, required: false }),
      orderBy: t.arg({ type: MemoOrderInput, required: false, description: 'Default: newest first (date, descending).' }),
    },
    resolve: async (_root, args, ctx) => {
      const filter = scopeFilter(ctx, toDbFilter(args.filter));
      const order: MemoOrder = args.orderBy ? { field: args.orderBy.field, direction: args.orderBy.direction } : DEFAULT_ORDER;
      const { page, filter: applied, snapshotAt } = await pageMemos(ctx, args, filter, order);
      return Object.assign(page, { totalCount: () => countMemos(ctx.conn.db, applied), snapshotAt });
    },
  }),
}));

/** The filter narrowed to what the viewer may see; every list of memos goes through this. */
export function scopeFilter(ctx: Context, filter: DbMemoFilter): DbMemoFilter {
  return { ...filter, statuses: scopeStatuses(ctx.viewer, filter.statuses) };
}

/** Memo global ids are Relay ids of type "Memo"; anything else is "not found", not an error. */
export function decodeMemoId(id: string): number | null {
  try {
    const [type, raw] = Buffer.from(id, 'base64').toString('utf8').split(':');
    const n = Number(raw);
    return type === 'Memo' && Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}
