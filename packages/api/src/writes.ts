// The write path: validate input (zod), resolve codes, write in one transaction with its audit
// entry. Returns typed outcomes; the GraphQL layer turns them into result unions.
import { z } from 'zod';
import {
  blankMemoWrite,
  findOrganizationsByCodes,
  insertAuditEntry,
  insertMemoIn,
  readMemoWrite,
  setMemoStatusIn,
  updateMemoVersionedIn,
  withWriteTransaction,
  type Connection,
  type MemoWrite,
} from '@notabene/db';
import type { Kysely } from 'kysely';
import type { Database } from '@notabene/db';
import { COUNTRIES, findWooGround, normaliseWooCode } from '@notabene/ingest';
import { hasRole, type Viewer } from './auth/viewer.js';

export interface Issue {
  path: string[];
  message: string;
}

export type WriteOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: 'VALIDATION'; issues: Issue[] }
  | { ok: false; error: 'NOT_FOUND'; id: string }
  | { ok: false; error: 'VERSION_CONFLICT'; currentVersion: number }
  | { ok: false; error: 'FORBIDDEN'; requiredRole: string; message: string };

export const LIMITS = {
  reference: 200,
  title: 1_000,
  shortText: 1_000,
  body: 200_000,
  sections: 200,
  listItems: 200,
};

const SECTION_KINDS = [
  'OCCASION', 'ADVISED_DECISION', 'KEY_POINTS', 'EXPLANATION', 'POLITICAL_CONTEXT', 'FINANCIAL_CONSIDERATIONS', 'LEGAL_CONSIDERATIONS',
  'CONSULTATION', 'STRATEGY', 'EXECUTION', 'IMPLEMENTATION', 'COMMUNICATION', 'PRIOR_DEVELOPMENTS', 'NON_PUBLIC_INFORMATION', 'OTHER',
] as const;
const PC_KINDS = ['COALITION_AGREEMENT', 'MOTION', 'COMMITMENT', 'PARLIAMENTARY_QUESTION', 'DEBATE', 'OTHER'] as const;

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const required = (max: number) => text(max).min(1, 'must not be empty');
const optionalText = (max: number) => text(max).nullish().transform((v) => (v === '' || v === undefined ? null : v));

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'is not a calendar date');

const wooGround = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const code = normaliseWooCode(v);
    if (!code || !findWooGround(code)) {
      ctx.addIssue({ code: 'custom', message: `"${v}" is not a Woo ground (e.g. "5.1.2e", "5.2")` });
      return z.NEVER;
    }
    return code;
  });

const SectionInput = z.object({
  number: optionalText(20),
  heading: required(LIMITS.shortText),
  kind: z.enum(SECTION_KINDS).nullish(),
  body: text(LIMITS.body),
  notApplicable: z.boolean().nullish(),
  withheld: z.object({ ground: wooGround, explanation: optionalText(LIMITS.shortText * 4) }).nullish(),
});

const PoliticalContextInput = z.object({
  kind: z.enum(PC_KINDS),
  member: optionalText(200),
  party: optionalText(200),
  title: required(LIMITS.shortText),
  parliamentaryReference: optionalText(100),
  description: optionalText(LIMITS.shortText * 4),
});

const ConsiderationInput = z.object({
  applicable: z.boolean(),
  text: optionalText(LIMITS.body),
  hasBudgetImpact: z.boolean().nullish(),
  amounts: z.array(z.number().finite()).max(LIMITS.listItems).nullish(),
});

const RedactionInput = z.object({ ground: wooGround, explanation: optionalText(LIMITS.shortText * 4), section: optionalText(20) });

const codeList = (max: number) => z.array(z.string().trim().min(1, 'must not be empty').max(100)).max(max, `at most ${max} items`);

const memoFields = {
  reference: required(LIMITS.reference),
  kind: z.enum(['BESLISNOTA', 'INFORMATIENOTA']),
  title: required(LIMITS.title),
  date: isoDate.nullish(),
  addressee: optionalText(LIMITS.shortText),
  statusLabel: optionalText(100),
  senderCode: optionalText(100),
  attachments: z.array(required(LIMITS.shortText)).max(LIMITS.listItems).nullish(),
  copyTo: z.array(required(LIMITS.shortText)).max(LIMITS.listItems).nullish(),
  sections: z.array(SectionInput).max(LIMITS.sections, `at most ${LIMITS.sections} sections`).nullish(),
  politicalContext: z.array(PoliticalContextInput).max(LIMITS.listItems).nullish(),
  consultedOrganizationCodes: codeList(LIMITS.listItems).nullish(),
  topics: z.array(z.string().trim().regex(/^[a-z][a-z0-9_]{0,49}$/, 'must be a topic code like "return"')).max(50).nullish(),
  countryCodes: codeList(50).nullish(),
  financialConsiderations: ConsiderationInput.nullish(),
  legalConsiderations: ConsiderationInput.nullish(),
  redactions: z.array(RedactionInput).max(LIMITS.listItems).nullish(),
};

export const CreateMemoSchema = z.object({ ...memoFields, status: z.enum(['DRAFT', 'PUBLISHED']).nullish() });
export const MemoPatchSchema = z.object(memoFields).partial();

export type CreateMemoInput = z.input<typeof CreateMemoSchema>;
export type MemoPatch = z.input<typeof MemoPatchSchema>;

function zodIssues(error: z.ZodError, prefix: string[]): Issue[] {
  return error.issues.map((i) => ({ path: [...prefix, ...i.path.map(String)], message: i.message }));
}

/** What needs the editor role, said the same way everywhere. */
function forbidden(viewer: Viewer, role: 'editor' | 'admin', action: string): Extract<WriteOutcome<never>, { error: 'FORBIDDEN' }> {
  const who = viewer.role === 'public' ? 'Anonymous requests' : `The ${viewer.role} role`;
  return { ok: false, error: 'FORBIDDEN', requiredRole: role, message: `${who} may not ${action}; it needs the ${role} role.` };
}

type Parsed = z.output<typeof MemoPatchSchema>;

/** Resolves codes against the registers; adds an issue for each unknown one. */
async function resolveCodes(trx: Kysely<Database>, input: Parsed, prefix: string[], issues: Issue[]) {
  let senderOrganizationId: number | null | undefined;
  if (input.senderCode !== undefined) {
    if (input.senderCode === null) senderOrganizationId = null;
    else {
      const found = (await findOrganizationsByCodes(trx, [input.senderCode])).get(input.senderCode);
      if (!found) issues.push({ path: [...prefix, 'senderCode'], message: `unknown organisation code "${input.senderCode}"` });
      senderOrganizationId = found?.id ?? null;
    }
  }
  let consultedOrganizationIds: number[] | undefined;
  if (input.consultedOrganizationCodes != null) {
    const codes = input.consultedOrganizationCodes;
    const found = await findOrganizationsByCodes(trx, codes);
    consultedOrganizationIds = [];
    codes.forEach((code, i) => {
      const org = found.get(code);
      if (!org) issues.push({ path: [...prefix, 'consultedOrganizationCodes', String(i)], message: `unknown organisation code "${code}"` });
      else consultedOrganizationIds!.push(org.id);
    });
  }
  let countryCodes: string[] | undefined;
  if (input.countryCodes != null) {
    const known = new Set(COUNTRIES.map((c) => c.code));
    countryCodes = input.countryCodes.map((c) => c.toUpperCase());
    countryCodes.forEach((c, i) => {
      if (!known.has(c)) issues.push({ path: [...prefix, 'countryCodes', String(i)], message: `"${c}" is not an ISO 3166-1 alpha-2 country code` });
    });
  }
  return { senderOrganizationId, consultedOrganizationIds, countryCodes };
}

function sectionsText(sections: MemoWrite['sections'], kind: string): string | null {
  const bodies = sections.filter((s) => s.kind === kind && s.body.trim() !== '').map((s) => s.body);
  return bodies.length > 0 ? bodies.join('\n\n') : null;
}

/** Applies parsed fields over a base memo; lists replace wholesale, absent fields stay. */
function applyFields(base: MemoWrite, p: Parsed, resolved: Awaited<ReturnType<typeof resolveCodes>>): MemoWrite {
  const next: MemoWrite = { ...base };
  if (p.reference !== undefined) next.reference = p.reference;
  if (p.kind !== undefined) next.kind = p.kind;
  if (p.title !== undefined) next.title = p.title;
  if (p.date !== undefined) next.date = p.date ?? null;
  if (p.addressee !== undefined) next.addressee = p.addressee;
  if (p.statusLabel !== undefined) next.statusLabel = p.statusLabel;
  if (resolved.senderOrganizationId !== undefined) next.senderOrganizationId = resolved.senderOrganizationId;
  if (p.attachments !== undefined) next.attachments = p.attachments ?? [];
  if (p.copyTo !== undefined) next.copyTo = p.copyTo ?? [];
  if (p.sections !== undefined) {
    next.sections = (p.sections ?? []).map((s) => ({
      number: s.number,
      heading: s.heading,
      kind: s.kind ?? 'OTHER',
      body: s.body,
      notApplicable: s.notApplicable ?? /^n\.?v\.?t\.?$/i.test(s.body.trim()),
      withheld: s.withheld ? { ground: s.withheld.ground, explanation: s.withheld.explanation } : null,
    }));
  }
  if (p.politicalContext !== undefined) next.politicalContext = p.politicalContext ?? [];
  if (resolved.consultedOrganizationIds !== undefined) next.consultedOrganizationIds = resolved.consultedOrganizationIds;
  else if (p.consultedOrganizationCodes === null) next.consultedOrganizationIds = [];
  if (p.topics !== undefined) next.topics = p.topics ?? [];
  if (resolved.countryCodes !== undefined) next.countryCodes = resolved.countryCodes;
  else if (p.countryCodes === null) next.countryCodes = [];
  const consideration = (c: z.output<typeof ConsiderationInput> | null | undefined) =>
    c == null ? null : { applicable: c.applicable, text: c.text, hasBudgetImpact: c.hasBudgetImpact ?? null, amounts: c.amounts ?? [] };
  if (p.financialConsiderations !== undefined) next.financialConsiderations = consideration(p.financialConsiderations);
  if (p.legalConsiderations !== undefined) next.legalConsiderations = consideration(p.legalConsiderations);
  if (p.redactions !== undefined) next.redactions = p.redactions ?? [];
  // The summary fields are the texts of their sections: one source of truth, so withholding a
  // section also withholds its summary.
  next.occasion = sectionsText(next.sections, 'OCCASION');
  next.advisedDecision = sectionsText(next.sections, 'ADVISED_DECISION');
  next.keyPoints = sectionsText(next.sections, 'KEY_POINTS');
  // Every withheld section is also listed as a redaction with its ground.
  for (const s of next.sections) {
    if (s.withheld && !next.redactions.some((r) => r.section !== null && r.section === (s.number ?? s.heading) && r.ground === s.withheld!.ground)) {
      next.redactions = [...next.redactions, { ground: s.withheld.ground, explanation: s.withheld.explanation, section: s.number ?? s.heading }];
    }
  }
  return next;
}


/** Only the keys whose values changed, before and after (the audit log's diff). */
export function diff(before: object | null, after: object | null): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after) return { before: before as Record<string, unknown> | null, after: after as Record<string, unknown> | null };
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const x = (before as Record<string, unknown>)[key];
    const y = (after as Record<string, unknown>)[key];
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      b[key] = x;
      a[key] = y;
    }
  }
  return { before: b, after: a };
}

export interface WriteContext {
  conn: Connection;
  viewer: Viewer;
  requestId: string;
}

function audit(trx: Kysely<Database>, ctx: WriteContext, operation: string, entityType: string, entityId: string, before: object | null, after: object | null) {
  const d = diff(before, after);
  return insertAuditEntry(trx, {
    subject: ctx.viewer.subject,
    role: ctx.viewer.role,
    apiKeyName: ctx.viewer.apiKeyName,
    operation,
    entityType,
    entityId,
    requestId: ctx.requestId,
    before: d.before,
    after: d.after,
  });
}

// The source text is kept but left out of audit diffs: it can be large and says nothing new.
const forAudit = (m: MemoWrite | null) => (m ? { ...m, sourceText: undefined } : null);

class Rollback extends Error {
  constructor(readonly outcome: WriteOutcome<never>) {
    super('rollback');
  }
}

/** Runs a write; an outcome thrown as Rollback undoes everything and is returned. */
async function transact<T>(ctx: WriteContext, fn: (trx: Kysely<Database>) => Promise<T>): Promise<WriteOutcome<T>> {
  try {
    return { ok: true, value: await withWriteTransaction(ctx.conn.db, ctx.conn.dialect, fn) };
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    throw error;
  }
}

export async function createMemo(ctx: WriteContext, input: CreateMemoInput): Promise<WriteOutcome<{ id: number }>> {
  if (!hasRole(ctx.viewer, 'editor')) return forbidden(ctx.viewer, 'editor', 'create memos');
  const parsed = CreateMemoSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: 'VALIDATION', issues: zodIssues(parsed.error, ['input']) };
  return transact(ctx, async (trx) => {
    const issues: Issue[] = [];
    const resolved = await resolveCodes(trx, parsed.data, ['input'], issues);
    const taken = await trx.selectFrom('memos').select('id').where('reference', '=', parsed.data.reference).executeTakeFirst();
    if (taken) issues.push({ path: ['input', 'reference'], message: `a memo with reference "${parsed.data.reference}" already exists` });
    if (issues.length > 0) throw new Rollback({ ok: false, error: 'VALIDATION', issues });
    const write = applyFields(blankMemoWrite(parsed.data.reference, { status: parsed.data.status ?? 'DRAFT' }), parsed.data, resolved);
    const id = await insertMemoIn(trx, write);
    await audit(trx, ctx, 'createMemo', 'Memo', String(id), null, forAudit(write));
    return { id };
  });
}

export async function updateMemo(ctx: WriteContext, id: number | null, expectedVersion: number, patch: MemoPatch): Promise<WriteOutcome<{ id: number }>> {
  if (!hasRole(ctx.viewer, 'editor')) return forbidden(ctx.viewer, 'editor', 'update memos');
  const parsed = MemoPatchSchema.safeParse(patch);
  if (!parsed.success) return { ok: false, error: 'VALIDATION', issues: zodIssues(parsed.error, ['input', 'patch']) };
  if (id === null) return { ok: false, error: 'NOT_FOUND', id: 'invalid id' };
  return transact(ctx, async (trx) => {
    const current = await readMemoWrite(trx, id);
    if (!current) throw new Rollback({ ok: false, error: 'NOT_FOUND', id: String(id) });
    if (current.version !== expectedVersion) throw new Rollback({ ok: false, error: 'VERSION_CONFLICT', currentVersion: current.version });
    const issues: Issue[] = [];
    const resolved = await resolveCodes(trx, parsed.data, ['input', 'patch'], issues);
    if (parsed.data.reference !== undefined && parsed.data.reference !== current.reference) {
      const taken = await trx.selectFrom('memos').select('id').where('reference', '=', parsed.data.reference).executeTakeFirst();
      if (taken) issues.push({ path: ['input', 'patch', 'reference'], message: `a memo with reference "${parsed.data.reference}" already exists` });
    }
    if (issues.length > 0) throw new Rollback({ ok: false, error: 'VALIDATION', issues });
    const { id: _id, version: _v, ...base } = current;
    const next = applyFields(base, parsed.data, resolved);
    // The version check is repeated inside the UPDATE: a concurrent writer that read the same
    // version between our read and our write makes this one lose, not overwrite.
    const result = await updateMemoVersionedIn(trx, id, expectedVersion, next);
    if (!result.ok) throw new Rollback(result.reason === 'NOT_FOUND' ? { ok: false, error: 'NOT_FOUND', id: String(id) } : { ok: false, error: 'VERSION_CONFLICT', currentVersion: result.currentVersion });
    await audit(trx, ctx, 'updateMemo', 'Memo', String(id), forAudit(base), forAudit(next));
    return { id };
  });
}

export async function changeMemoStatus(ctx: WriteContext, operation: 'publishMemo' | 'archiveMemo', id: number | null, expectedVersion: number): Promise<WriteOutcome<{ id: number }>> {
  const target = operation === 'publishMemo' ? 'PUBLISHED' : 'ARCHIVED';
  if (!hasRole(ctx.viewer, 'editor')) return forbidden(ctx.viewer, 'editor', operation === 'publishMemo' ? 'publish memos' : 'archive memos');
  if (id === null) return { ok: false, error: 'NOT_FOUND', id: 'invalid id' };
  return transact(ctx, async (trx) => {
    const current = await readMemoWrite(trx, id);
    if (!current) throw new Rollback({ ok: false, error: 'NOT_FOUND', id: String(id) });
    if (current.version !== expectedVersion) throw new Rollback({ ok: false, error: 'VERSION_CONFLICT', currentVersion: current.version });
    if (target === 'PUBLISHED') {
      const issues: Issue[] = [];
      if (!current.title) issues.push({ path: ['memo', 'title'], message: 'a memo needs a title before it is published' });
      if (!current.date) issues.push({ path: ['memo', 'date'], message: 'a memo needs a date before it is published' });
      if (current.sections.length === 0) issues.push({ path: ['memo', 'sections'], message: 'a memo needs at least one section before it is published' });
      if (issues.length > 0) throw new Rollback({ ok: false, error: 'VALIDATION', issues });
    }
    const result = await setMemoStatusIn(trx, id, expectedVersion, target);
    if (!result.ok) throw new Rollback(result.reason === 'NOT_FOUND' ? { ok: false, error: 'NOT_FOUND', id: String(id) } : { ok: false, error: 'VERSION_CONFLICT', currentVersion: result.currentVersion });
    await audit(trx, ctx, operation, 'Memo', String(id), { status: current.status }, { status: target });
    return { id };
  });
}

/** Writes the audit entry of an import inside its transaction (used by importing.ts). */
export async function auditImport(trx: Kysely<Database>, ctx: WriteContext, id: number, before: MemoWrite | null, after: MemoWrite): Promise<void> {
  await audit(trx, ctx, 'importMemoText', 'Memo', String(id), forAudit(before), forAudit(after));
}

export { audit as writeAudit, Rollback, transact, forbidden };
