// Memo.diwoo: a memo's metadata in the shape of KOOP's DiWoo standard (Digitale Woo), what a
// publication platform consumes. Codes come from the TOOI value lists; where we do not know a code
// for certain we give null rather than a guess (docs/diwoo.md lists what is known and why).
import type { MemoRow, OrganizationRow } from '@notabene/db';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { Memo } from './memo.js';

const TOOI_MINISTRY = 'https://identifier.overheid.nl/tooi/id/ministerie/';
/** Value lists of the "kern" thesaurus: information categories, document kinds, document actions. */
const TOOI_KERN = 'https://identifier.overheid.nl/tooi/def/thes/kern/';
/** The TOP list of themes. */
const TOOI_TOP = 'https://identifier.overheid.nl/tooi/def/thes/top/';

/**
 * TOOI organisation codes of ministries, by our register's code. Only codes we are sure of: J&V is
 * given in DOMAIN.md; the others agree across independent public sources. Ministries not listed
 * (AZ, BZ, DEF, IenW, KGG, OCW, SZW, VRO, VWS) get a null URI until someone checks the TOOI register.
 */
export const TOOI_MINISTRY_CODES: Readonly<Record<string, string>> = {
  JenV: 'mnre1058',
  BZK: 'mnre1034',
  EZ: 'mnre1045',
  FIN: 'mnre1090',
  LVVN: 'mnre1153',
};

export interface DiwooConceptShape {
  code: string;
  uri: string;
  label: string;
}

const concept = (base: string, code: string, label: string): DiwooConceptShape => ({ code, uri: base + code, label });

/**
 * Information category (Woo informatiecategorie). Memos are published with the parliamentary papers
 * they accompany, so we file them under "vergaderstukken Staten-Generaal"; a choice, documented in
 * docs/diwoo.md, to be confirmed with the publication platform.
 */
export const INFORMATION_CATEGORY = concept(TOOI_KERN, 'c_c76862ab', 'vergaderstukken Staten-Generaal');

/** Document kind (documentsoort) by memo kind; the value list has no informatienota. */
const DOCUMENT_KINDS: Readonly<Record<string, DiwooConceptShape | undefined>> = {
  BESLISNOTA: concept(TOOI_KERN, 'c_2977c34f', 'beslisnota'),
};

const MIGRATION = concept(TOOI_TOP, 'c_2e9944e7', 'migratie');
const INTEGRATION = concept(TOOI_TOP, 'c_a94e1fa4', 'integratie');
/** Themes (thema's) by our topic codes; topics without a theme we are sure of are left out. */
const THEMES_BY_TOPIC: Readonly<Record<string, DiwooConceptShape | undefined>> = {
  asylum: MIGRATION,
  return: MIGRATION,
  detention: MIGRATION,
  migration: MIGRATION,
  reception: MIGRATION,
  integration: INTEGRATION,
};

/** Document actions (soort handeling) of the DiWoo list, and our own publication in the register. */
const ACTIONS = {
  VASTSTELLING: { code: 'c_641ecd76', label: 'vaststelling' },
  PUBLICATION: { code: null, label: 'openbaarmaking in het register' },
} as const;
type ActionKind = keyof typeof ACTIONS;

interface DiwooPublisherShape {
  uri: string | null;
  organizationCode: string;
  name: string;
}

interface DiwooActionShape {
  kind: ActionKind;
  atTime: string;
}

/** A memo's DiWoo metadata; resolved lazily per field. */
interface DiwooShape {
  memo: MemoRow;
}

/** The ministry at the top of the sender's chain (bureau → directorate → DG → ministry). */
async function ministryOf(ctx: Context, memo: MemoRow): Promise<OrganizationRow | null> {
  let id = memo.sender_organization_id;
  let top: OrganizationRow | null = null;
  for (let depth = 0; id !== null && depth < 10; depth++) {
    const org: OrganizationRow | null = await ctx.loaders.organization.load(id);
    if (!org) break;
    top = org;
    id = org.parent_id;
  }
  return top?.kind === 'MINISTRY' ? top : null;
}

export function themesOf(topics: readonly string[]): DiwooConceptShape[] {
  const seen = new Map<string, DiwooConceptShape>();
  for (const topic of topics) {
    const theme = THEMES_BY_TOPIC[topic];
    if (theme) seen.set(theme.code, theme);
  }
  return [...seen.values()];
}

/** The memo date as a moment: midnight in the Netherlands is not knowable per date here, so UTC midnight. */
const dateAsMoment = (date: string) => `${date}T00:00:00.000Z`;

function actionsOf(memo: MemoRow): DiwooActionShape[] {
  const actions: DiwooActionShape[] = [];
  if (memo.date) actions.push({ kind: 'VASTSTELLING', atTime: dateAsMoment(memo.date) });
  if (memo.status === 'PUBLISHED') actions.push({ kind: 'PUBLICATION', atTime: memo.updated_at });
  return actions;
}

const DiwooConcept = builder.objectRef<DiwooConceptShape>('DiwooConcept').implement({
  description: 'A value from a TOOI value list (waarde uit een TOOI-waardelijst), as DiWoo refers to it.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'TOOI code (code), e.g. "c_2977c34f".' }),
    uri: t.exposeString('uri', { description: 'TOOI URI (resource), e.g. "https://identifier.overheid.nl/tooi/def/thes/kern/c_2977c34f".' }),
    label: t.exposeString('label', { description: 'Dutch label in the value list (label), e.g. "beslisnota".' }),
  }),
});

const DiwooPublisher = builder.objectRef<DiwooPublisherShape>('DiwooPublisher').implement({
  description: 'The organisation that publishes the document (publisher / verantwoordelijke): the sender\'s ministry.',
  fields: (t) => ({
    uri: t.exposeString('uri', {
      nullable: true,
      description: 'TOOI URI of the ministry (TOOI-identifier), e.g. "https://identifier.overheid.nl/tooi/id/ministerie/mnre1058"; null where the code is not known here.',
    }),
    organizationCode: t.exposeString('organizationCode', { description: 'The ministry\'s code in this register (afkorting), e.g. "JenV".' }),
    name: t.exposeString('name', { description: 'Name of the ministry (naam), e.g. "Ministerie van Justitie en Veiligheid".' }),
  }),
});

const DiwooDocumentActionKindEnum = builder.enumType('DiwooDocumentActionKind', {
  description: 'Kind of document action (soort handeling).',
  values: {
    VASTSTELLING: { description: 'The memo was finalised on its date (vaststelling, DiWoo c_641ecd76).' },
    PUBLICATION: { description: 'Made public in this register (openbaarmaking); not in the DiWoo list of actions, so without a TOOI code.' },
  } as const,
});

const DiwooDocumentAction = builder.objectRef<DiwooActionShape>('DiwooDocumentAction').implement({
  description: 'Something done with the document, and when (documenthandeling).',
  fields: (t) => ({
    kind: t.field({ type: DiwooDocumentActionKindEnum, description: 'Kind of action (soort handeling).', resolve: (a) => a.kind }),
    code: t.string({ nullable: true, description: 'TOOI code of the action (code), e.g. "c_641ecd76"; null for actions outside the DiWoo list.', resolve: (a) => ACTIONS[a.kind].code }),
    uri: t.string({
      nullable: true,
      description: 'TOOI URI of the action (resource); null for actions outside the DiWoo list.',
      resolve: (a) => (ACTIONS[a.kind].code === null ? null : TOOI_KERN + ACTIONS[a.kind].code),
    }),
    label: t.string({ description: 'Dutch label (label), e.g. "vaststelling".', resolve: (a) => ACTIONS[a.kind].label }),
    atTime: t.field({
      type: 'DateTime',
      description: 'When (tijdstip): the memo date at 00:00 UTC for vaststelling; the last change of the published memo for publication.',
      resolve: (a) => a.atTime,
    }),
  }),
});

const DiwooClassification = builder.objectRef<DiwooShape>('DiwooClassification').implement({
  description: 'How the document is classified (classificatiecollectie).',
  fields: (t) => ({
    informationCategories: t.field({
      type: [DiwooConcept],
      description: 'Woo information categories (informatiecategorieën); always "vergaderstukken Staten-Generaal" for memos.',
      resolve: () => [INFORMATION_CATEGORY],
    }),
    documentKinds: t.field({
      type: [DiwooConcept],
      description: 'Document kinds (documentsoorten): beslisnota c_2977c34f; empty for an informatienota, which the value list lacks.',
      resolve: (d) => {
        const kind = DOCUMENT_KINDS[d.memo.kind];
        return kind ? [kind] : [];
      },
    }),
    themes: t.field({
      type: [DiwooConcept],
      description: 'Themes from the TOP list (thema\'s), derived from the topics: migratie c_2e9944e7 for migration topics, integratie c_a94e1fa4.',
      resolve: async (d, _a, ctx) => themesOf(await ctx.loaders.topics.load(d.memo.id)),
    }),
  }),
});

const DiwooMetadata = builder.objectRef<DiwooShape>('DiwooMetadata').implement({
  description: 'The memo\'s metadata for publication, shaped after KOOP\'s DiWoo standard (DiWoo-metadata).',
  fields: (t) => ({
    publisher: t.field({
      type: DiwooPublisher,
      nullable: true,
      description: 'Who publishes it (publisher): the ministry the sender belongs to; null when the sender is unknown.',
      resolve: async (d, _a, ctx) => {
        const ministry = await ministryOf(ctx, d.memo);
        if (!ministry) return null;
        const code = TOOI_MINISTRY_CODES[ministry.code];
        return { uri: code ? TOOI_MINISTRY + code : null, organizationCode: ministry.code, name: ministry.name };
      },
    }),
    officialTitle: t.string({ nullable: true, description: 'Official title (officiële titel): the memo\'s title or subject.', resolve: (d) => d.memo.title }),
    classification: t.field({ type: DiwooClassification, description: 'Classification (classificatiecollectie).', resolve: (d) => d }),
    creationDate: t.field({ type: 'Date', nullable: true, description: 'Creation date (creatiedatum): the date on the memo.', resolve: (d) => d.memo.date }),
    identifiers: t.stringList({ description: 'Identifiers (identificatiekenmerken): the reference (kenmerk), e.g. "4700831".', resolve: (d) => [d.memo.reference] }),
    documentActions: t.field({
      type: [DiwooDocumentAction],
      description: 'What was done with the document and when (documenthandelingen): vaststelling on the memo date, publication when published.',
      resolve: (d) => actionsOf(d.memo),
    }),
    missingRequired: t.stringList({
      description: 'Fields DiWoo requires that this record cannot fill (ontbrekende verplichte velden), e.g. ["publisher.uri"]; empty when complete.',
      resolve: async (d, _a, ctx) => {
        const missing: string[] = [];
        const ministry = await ministryOf(ctx, d.memo);
        if (!ministry) missing.push('publisher');
        else if (!TOOI_MINISTRY_CODES[ministry.code]) missing.push('publisher.uri');
        if (!d.memo.title) missing.push('officialTitle');
        if (actionsOf(d.memo).every((a) => ACTIONS[a.kind].code === null)) missing.push('documentActions');
        return missing;
      },
    }),
  }),
});

builder.objectField(Memo, 'diwoo', (t) =>
  t.field({
    type: DiwooMetadata,
    description: 'The memo\'s metadata shaped after the DiWoo standard, for publication platforms (DiWoo-metadata); see docs/diwoo.md.',
    resolve: (memo) => ({ memo }),
  }),
);
