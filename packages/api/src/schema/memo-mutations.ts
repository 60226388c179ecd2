import { COUNTRIES } from '@notabene/ingest';
import { hasRole } from '../auth/viewer.js';
import type { MemoRow, MemoSectionRow, PoliticalContextItemRow, ConsiderationRow, CountryRow } from '@notabene/db';
import type { ParsedMemo } from '@notabene/ingest';
import { builder } from '../builder.js';
import { createLoaders, type Context } from '../context.js';
import { importMemoText } from '../importing.js';
import { changeMemoStatus, createMemo, forbidden, updateMemo, LIMITS, type WriteOutcome } from '../writes.js';
import { Country } from './country.js';
import { MemoKindEnum, MemoStatusEnum, PoliticalContextKindEnum, SectionKindEnum } from './enums.js';
import { errorResult, ForbiddenError, NotAMemoError, NotFoundError, ValidationError, VersionConflictError, type ErrorShape } from './errors.js';
import { Consideration, decodeMemoId, Memo, MemoSection, PoliticalContextItem, Redaction } from './memo.js';

// ---- inputs --------------------------------------------------------------------------------------

const WithheldInput = builder.inputType('WithheldInput', {
  description: 'Withholds a section from the public under the Woo (weigering).',
  fields: (t) => ({
    ground: t.string({ required: true, description: 'Woo ground code (weigeringsgrond), e.g. "5.1.2e".' }),
    explanation: t.string({ required: false, description: 'Why (toelichting).' }),
  }),
});

const MemoSectionInput = builder.inputType('MemoSectionInput', {
  description: 'A section of a memo (paragraaf).',
  fields: (t) => ({
    number: t.string({ required: false, description: 'Number as printed (nummer), e.g. "4.1".' }),
    heading: t.string({ required: true, description: 'Heading (kop).' }),
    kind: t.field({ type: SectionKindEnum, required: false, description: 'Canonical kind (soort); OTHER when not given.' }),
    body: t.string({ required: true, description: `Text (tekst), at most ${LIMITS.body} characters.` }),
    notApplicable: t.boolean({ required: false, description: 'Says "N.v.t." (niet van toepassing); derived from the body when not given.' }),
    withheld: t.field({ type: WithheldInput, required: false, description: 'Withhold this section from the public (weigeren).' }),
  }),
});

const PoliticalContextInput = builder.inputType('PoliticalContextInput', {
  description: 'A parliamentary item the memo answers to (politieke context).',
  fields: (t) => ({
    kind: t.field({ type: PoliticalContextKindEnum, required: true, description: 'Kind (soort).' }),
    member: t.string({ required: false, description: 'Member of parliament (Kamerlid).' }),
    party: t.string({ required: false, description: 'Party (fractie).' }),
    title: t.string({ required: true, description: 'Title (titel).' }),
    parliamentaryReference: t.string({ required: false, description: 'Tweede Kamer identifier (Kamerstuknummer).' }),
    description: t.string({ required: false, description: 'Context (vindplaats).' }),
  }),
});

const ConsiderationInput = builder.inputType('ConsiderationInput', {
  description: 'Financial or legal considerations (overwegingen).',
  fields: (t) => ({
    applicable: t.boolean({ required: true, description: 'False for "N.v.t." (van toepassing).' }),
    text: t.string({ required: false, description: 'Text (tekst).' }),
    hasBudgetImpact: t.boolean({ required: false, description: 'Financial only: budget affected (gevolgen voor de begroting).' }),
    amounts: t.floatList({ required: false, description: 'Amounts in euros (bedragen).' }),
  }),
});

const RedactionInput = builder.inputType('RedactionInput', {
  description: 'Information withheld elsewhere in the memo, e.g. officials\' names (weigering).',
  fields: (t) => ({
    ground: t.string({ required: true, description: 'Woo ground code (weigeringsgrond).' }),
    explanation: t.string({ required: false, description: 'Explanation (toelichting).' }),
    section: t.string({ required: false, description: 'Section number that explains it (paragraaf).' }),
  }),
});

type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never, 'InputObject'>;

// Create and patch share their fields; only whether the core fields are required differs.
const memoInputFields = (t: InputFieldBuilder, requiredCore: boolean) => ({
  reference: t.string({ required: requiredCore, description: 'Reference (kenmerk); unique in the register.' }),
  kind: t.field({ type: MemoKindEnum, required: requiredCore, description: 'Kind (soort nota).' }),
  title: t.string({ required: requiredCore, description: `Title (titel), at most ${LIMITS.title} characters.` }),
  date: t.string({ required: false, description: 'Date as YYYY-MM-DD (datum).' }),
  addressee: t.string({ required: false, description: 'Addressee (aan).' }),
  statusLabel: t.string({ required: false, description: 'Printed label (statuslabel), e.g. "TER BESLISSING".' }),
  senderCode: t.string({ required: false, description: 'Sender organisation code (afzender), e.g. "DGM".' }),
  attachments: t.stringList({ required: false, description: 'Attachments (bijlagen).' }),
  copyTo: t.stringList({ required: false, description: 'Copies to (kopie aan).' }),
  sections: t.field({ type: [MemoSectionInput], required: false, description: 'Sections in order (paragrafen); replace all sections.' }),
  politicalContext: t.field({ type: [PoliticalContextInput], required: false, description: 'Political context items (politieke context).' }),
  consultedOrganizationCodes: t.stringList({ required: false, description: 'Consulted organisation codes (krachtenveld).' }),
  topics: t.stringList({ required: false, description: 'Topic codes (onderwerpen).' }),
  countryCodes: t.stringList({ required: false, description: 'ISO 3166-1 alpha-2 codes (landen).' }),
  financialConsiderations: t.field({ type: ConsiderationInput, required: false, description: 'Financial considerations (financiële overwegingen).' }),
  legalConsiderations: t.field({ type: ConsiderationInput, required: false, description: 'Legal considerations (juridische overwegingen).' }),
  redactions: t.field({ type: [RedactionInput], required: false, description: 'Other withheld information (weigeringen).' }),
});

const CreateMemoInput = builder.inputType('CreateMemoInput', {
  description: 'A new memo (nieuwe nota).',
  fields: (t) => ({
    ...memoInputFields(t, true),
    status: t.field({ type: MemoStatusEnum, required: false, description: 'DRAFT (default) or PUBLISHED (status).' }),
  }),
});

const MemoPatchInput = builder.inputType('MemoPatchInput', {
  description: 'Fields to change (wijzigingen); absent fields stay, given lists replace the old ones.',
  fields: (t) => memoInputFields(t, false),
});

const UpdateMemoInput = builder.inputType('UpdateMemoInput', {
  description: 'A change to a memo (wijziging).',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global id of the memo.' }),
    expectedVersion: t.int({ required: true, description: 'The version the change is based on (verwachte versie).' }),
    patch: t.field({ type: MemoPatchInput, required: true, description: 'What to change.' }),
  }),
});

const MemoVersionInput = builder.inputType('MemoVersionInput', {
  description: 'A memo at a version (nota en versie).',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global id of the memo.' }),
    expectedVersion: t.int({ required: true, description: 'The version the change is based on (verwachte versie).' }),
  }),
});

const ImportMemoTextInput = builder.inputType('ImportMemoTextInput', {
  description: 'A memo text as published (tekst van een nota).',
  fields: (t) => ({
    text: t.string({ required: true, description: 'The whole text, e.g. extracted from the PDF (tekst).' }),
    dryRun: t.boolean({ required: false, defaultValue: false, description: 'Parse and report only; store nothing (proefimport).' }),
    status: t.field({ type: MemoStatusEnum, required: false, description: 'Status of a newly stored memo: DRAFT (default) or PUBLISHED.' }),
    expectedVersion: t.int({ required: false, description: 'When the reference exists: re-import only if it is still at this version.' }),
  }),
});

// ---- results -------------------------------------------------------------------------------------

interface MemoSuccessShape {
  __typename: string;
  memo: MemoRow;
}

function successType(name: string, description: string) {
  return builder.objectRef<MemoSuccessShape>(name).implement({
    description,
    isTypeOf: (v) => (v as MemoSuccessShape).__typename === name,
    fields: (t) => ({ memo: t.field({ type: Memo, description: 'The memo as stored now (nota).', resolve: (s) => s.memo }) }),
  });
}

const CreateMemoSuccess = successType('CreateMemoSuccess', 'The memo was created (aangemaakt).');
const UpdateMemoSuccess = successType('UpdateMemoSuccess', 'The memo was changed (gewijzigd).');
const PublishMemoSuccess = successType('PublishMemoSuccess', 'The memo was published (openbaar gemaakt).');
const ArchiveMemoSuccess = successType('ArchiveMemoSuccess', 'The memo was archived (gearchiveerd).');

const resolveType = (v: { __typename: string }) => v.__typename;

const CreateMemoResult = builder.unionType('CreateMemoResult', {
  description: 'Outcome of createMemo.',
  types: [CreateMemoSuccess, ValidationError, ForbiddenError],
  resolveType,
});
const UpdateMemoResult = builder.unionType('UpdateMemoResult', {
  description: 'Outcome of updateMemo.',
  types: [UpdateMemoSuccess, ValidationError, NotFoundError, VersionConflictError, ForbiddenError],
  resolveType,
});
const PublishMemoResult = builder.unionType('PublishMemoResult', {
  description: 'Outcome of publishMemo.',
  types: [PublishMemoSuccess, ValidationError, NotFoundError, VersionConflictError, ForbiddenError],
  resolveType,
});
const ArchiveMemoResult = builder.unionType('ArchiveMemoResult', {
  description: 'Outcome of archiveMemo.',
  types: [ArchiveMemoSuccess, NotFoundError, VersionConflictError, ForbiddenError],
  resolveType,
});

// A dry run stores nothing, so there is no Memo row to show: the preview carries the parsed fields
// in the same object types, built from the importer's output.
interface PreviewShape {
  parsed: ParsedMemo;
}

const MemoPreview = builder.objectRef<PreviewShape>('MemoPreview').implement({
  description: 'What the importer read from a text, before or without storing it (voorbeeld).',
  fields: (t) => ({
    reference: t.string({ nullable: true, description: 'Reference (kenmerk).', resolve: (p) => p.parsed.reference }),
    kind: t.field({ type: MemoKindEnum, nullable: true, description: 'Kind (soort nota).', resolve: (p) => p.parsed.kind }),
    title: t.string({ nullable: true, description: 'Title (titel).', resolve: (p) => p.parsed.title }),
    date: t.field({ type: 'Date', nullable: true, description: 'Date (datum).', resolve: (p) => p.parsed.date }),
    addressee: t.string({ nullable: true, description: 'Addressee (aan).', resolve: (p) => p.parsed.addressee }),
    statusLabel: t.string({ nullable: true, description: 'Printed label (statuslabel).', resolve: (p) => p.parsed.statusLabel }),
    senderNames: t.stringList({ description: 'Sender chain as printed, ministry first (afzender).', resolve: (p) => p.parsed.sender.map((s) => s.name) }),
    attachments: t.stringList({ description: 'Attachments (bijlagen).', resolve: (p) => p.parsed.attachments }),
    sections: t.field({
      type: [MemoSection],
      description: 'Sections in order (paragrafen).',
      resolve: (p) =>
        p.parsed.sections.map(
          (s, position): MemoSectionRow => ({ id: 0, memo_id: 0, position, number: s.number, heading: s.heading, kind: s.kind, body: s.body, not_applicable: s.notApplicable ? 1 : 0, withheld_ground: null, withheld_explanation: null }),
        ),
    }),
    politicalContext: t.field({
      type: [PoliticalContextItem],
      description: 'Political context (politieke context).',
      resolve: (p) =>
        p.parsed.politicalContext.map(
          (i, position): PoliticalContextItemRow => ({ id: 0, memo_id: 0, position, kind: i.kind, member: i.member, party: i.party, title: i.title, parliamentary_reference: i.parliamentaryReference, description: i.description }),
        ),
    }),
    financialConsiderations: t.field({ type: Consideration, nullable: true, description: 'Financial considerations.', resolve: (p) => considerationRow('FINANCIAL', p.parsed.financialConsiderations) }),
    legalConsiderations: t.field({ type: Consideration, nullable: true, description: 'Legal considerations.', resolve: (p) => considerationRow('LEGAL', p.parsed.legalConsiderations) }),
    consultedOrganizationCodes: t.stringList({ description: 'Consulted organisation codes (krachtenveld).', resolve: (p) => p.parsed.consultedOrganizations }),
    redactions: t.field({ type: [Redaction], description: 'Withheld information (weigeringen).', resolve: (p) => p.parsed.redactions }),
    topics: t.stringList({ description: 'Topic codes (onderwerpen).', resolve: (p) => p.parsed.topics }),
    countries: t.field({
      type: [Country],
      description: 'Countries (landen).',
      resolve: (p) => p.parsed.countries.map((code): CountryRow => ({ code, name: COUNTRIES.find((c) => c.code === code)?.name ?? code })),
    }),
  }),
});

function considerationRow(kind: string, c: ParsedMemo['financialConsiderations']): ConsiderationRow | null {
  return c && { memo_id: 0, kind, applicable: c.applicable ? 1 : 0, text: c.text, has_budget_impact: c.hasBudgetImpact === null ? null : c.hasBudgetImpact ? 1 : 0, amounts: JSON.stringify(c.amounts) };
}

interface ImportSuccessShape {
  __typename: 'ImportMemoTextSuccess';
  memo: MemoRow | null;
  parsed: ParsedMemo;
  warnings: string[];
  stored: boolean;
  created: boolean;
}

const ImportMemoTextSuccess = builder.objectRef<ImportSuccessShape>('ImportMemoTextSuccess').implement({
  description: 'The text was read as a memo (geïmporteerd), and stored unless it was a dry run.',
  isTypeOf: (v) => (v as ImportSuccessShape).__typename === 'ImportMemoTextSuccess',
  fields: (t) => ({
    memo: t.field({ type: Memo, nullable: true, description: 'The stored memo; null on a dry run (nota).', resolve: (s) => s.memo }),
    preview: t.field({ type: MemoPreview, description: 'What was read from the text (voorbeeld).', resolve: (s) => ({ parsed: s.parsed }) }),
    warnings: t.exposeStringList('warnings', { description: 'What could not be placed or was inferred (waarschuwingen).' }),
    stored: t.exposeBoolean('stored', { description: 'Whether anything was written (opgeslagen).' }),
    created: t.exposeBoolean('created', { description: 'A new memo, rather than a new version of one with the same reference (nieuw).' }),
  }),
});

const ImportMemoTextResult = builder.unionType('ImportMemoTextResult', {
  description: 'Outcome of importMemoText.',
  types: [ImportMemoTextSuccess, NotAMemoError, VersionConflictError, ValidationError, ForbiddenError],
  resolveType,
});

// ---- mutations -----------------------------------------------------------------------------------

/** After a write the per-request caches may hold the old rows; the result must show the new ones. */
async function freshMemo(ctx: Context, id: number): Promise<MemoRow> {
  ctx.loaders = createLoaders(ctx.conn, ctx.viewer);
  const memo = await ctx.loaders.memo.load(id);
  if (!memo) throw new Error(`memo ${id} vanished after a write`);
  return memo;
}

async function toResult(ctx: Context, typename: string, outcome: WriteOutcome<{ id: number }>): Promise<MemoSuccessShape | ErrorShape> {
  if (!outcome.ok) return errorResult(outcome);
  return { __typename: typename, memo: await freshMemo(ctx, outcome.value.id) };
}


builder.mutationFields((t) => ({
  createMemo: t.field({
    type: CreateMemoResult,
    description: 'Creates a memo, as a draft unless published at once (nota aanmaken). Needs the editor role.',
    args: { input: t.arg({ type: CreateMemoInput, required: true }) },
    resolve: async (_root, { input }, ctx) => toResult(ctx, 'CreateMemoSuccess', await createMemo(ctx, input as never)),
  }),
  updateMemo: t.field({
    type: UpdateMemoResult,
    description: 'Changes a memo if it is still at expectedVersion (nota wijzigen). Needs the editor role.',
    args: { input: t.arg({ type: UpdateMemoInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      toResult(ctx, 'UpdateMemoSuccess', await updateMemo(ctx, decodeMemoId(String(input.id)), input.expectedVersion, input.patch as never)),
  }),
  publishMemo: t.field({
    type: PublishMemoResult,
    description: 'Publishes a memo: visible to the public, withheld sections hidden (openbaar maken). Needs the editor role.',
    args: { input: t.arg({ type: MemoVersionInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      toResult(ctx, 'PublishMemoSuccess', await changeMemoStatus(ctx, 'publishMemo', decodeMemoId(String(input.id)), input.expectedVersion)),
  }),
  archiveMemo: t.field({
    type: ArchiveMemoResult,
    description: 'Archives a memo: invisible to the public (archiveren). Needs the editor role.',
    args: { input: t.arg({ type: MemoVersionInput, required: true }) },
    resolve: async (_root, { input }, ctx) =>
      toResult(ctx, 'ArchiveMemoSuccess', await changeMemoStatus(ctx, 'archiveMemo', decodeMemoId(String(input.id)), input.expectedVersion)),
  }),
  importMemoText: t.field({
    type: ImportMemoTextResult,
    description: 'Reads a published memo text into the register (tekst importeren); re-importing a reference makes a new version. Needs the editor role.',
    args: { input: t.arg({ type: ImportMemoTextInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<ImportSuccessShape | ErrorShape> => {
      if (!hasRole(ctx.viewer, 'editor')) return errorResult(forbidden(ctx.viewer, 'editor', 'import memos'));
      if (input.text.length > LIMITS.body * 5) {
        return errorResult({ ok: false, error: 'VALIDATION', issues: [{ path: ['input', 'text'], message: `must be at most ${LIMITS.body * 5} characters` }] });
      }
      if (input.status === 'ARCHIVED') {
        return errorResult({ ok: false, error: 'VALIDATION', issues: [{ path: ['input', 'status'], message: 'an import is stored as DRAFT or PUBLISHED' }] });
      }
      const outcome = await importMemoText(ctx.conn, input.text, {
        dryRun: input.dryRun ?? false,
        status: input.status ?? 'DRAFT',
        actor: ctx,
        expectedVersion: input.expectedVersion ?? null,
      });
      if (!outcome.ok) {
        if (outcome.code === 'VERSION_CONFLICT') return errorResult({ ok: false, error: 'VERSION_CONFLICT', currentVersion: outcome.currentVersion });
        return { __typename: 'NotAMemoError', message: outcome.reason, code: outcome.code, warnings: outcome.warnings };
      }
      return {
        __typename: 'ImportMemoTextSuccess',
        memo: outcome.stored ? await freshMemo(ctx, outcome.stored.id) : null,
        parsed: outcome.parsed,
        warnings: outcome.warnings,
        stored: outcome.stored !== null,
        created: outcome.stored?.created ?? false,
      };
    },
  }),
}));

