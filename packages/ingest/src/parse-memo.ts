import type {
  MemoKind,
  ParsedConsideration,
  ParsedMemo,
  ParsedOrganizationRef,
  ParsedSection,
  ParseResult,
  SectionKind,
} from './types.js';
import type { LabelBlock } from './side-bar.js';
import type { Segmentation, SideBar } from './segment.js';
import { normaliseText } from './normalise.js';
import { segment } from './segment.js';
import { parseDutchDate } from './dates.js';
import { buildSender } from './sender.js';
import { extractPoliticalContext } from './political-context.js';
import { extractConsultations } from './consultations.js';
import { financialConsideration, isNotApplicable, legalConsideration } from './considerations.js';
import { extractRedactions } from './redactions.js';
import { detectCountries } from './countries.js';
import { detectTopics } from './topics.js';
import { judgeMemo } from './memo-detection.js';

/**
 * Parses the text of a memo (as extracted from a PDF or typed in) into a structured memo with
 * warnings for everything that was inferred or could not be placed. Never throws: a text that is
 * not a memo is refused with a reason, and a failing detail extractor becomes a warning.
 */
export function parseMemoText(text: string): ParseResult {
  try {
    // Callers outside TypeScript may pass null/undefined: that is an empty text, not a crash.
    return parse(typeof text === 'string' ? text : text == null ? '' : String(text));
  } catch (err) {
    return {
      ok: false,
      code: 'NOT_A_MEMO',
      reason: `The text could not be read as a memo because of an unexpected error: ${errorMessage(err)}`,
      warnings: [],
    };
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs an extractor; a bug in one detail must not cost the whole memo. */
function safely<T>(what: string, warnings: string[], fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    warnings.push(`Could not extract ${what}: ${errorMessage(err)}`);
    return fallback;
  }
}

function bodyOf(lines: { text: string }[]): string {
  return lines
    .map((l) => l.text)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Reference as printed, with the spacing around "/" made uniform when the memo spaces it at all. */
export function normaliseReference(raw: string): string {
  const t = raw.replace(/\s+/g, ' ').trim();
  return /\s\/|\/\s/.test(t) ? t.replace(/\s*\/\s*/g, ' / ') : t;
}

function firstValue(fields: LabelBlock[], key: LabelBlock['key']): LabelBlock | undefined {
  return fields.find((f) => f.key === key && f.value !== null);
}

function parse(text: string): ParseResult {
  const warnings: string[] = [];
  if (text.trim() === '') {
    return { ok: false, code: 'EMPTY_TEXT', reason: 'The text is empty.', warnings };
  }
  const { lines } = normaliseText(text);
  const seg = segment(lines);
  warnings.push(...seg.warnings);

  const head = seg.head;
  const allBars: SideBar[] = [head.sideBar, ...seg.bodySideBars];
  const headingKinds = new Set<SectionKind>(seg.sections.filter((s) => s.known).map((s) => s.kind));
  const verdict = judgeMemo(text, {
    headingKinds,
    hasAddressee: head.addressee !== null,
    hasStatusLabel: head.statusLabel !== null,
    hasKindMarker: head.kindMarker !== null,
    hasMemoTitle: head.title !== null && /\b(beslis|informatie)nota\b/i.test(head.title),
    hasMemoFields: allBars.some((b) => b.fields.some((f) => /kenmerk|parafen/i.test(f.label))),
  });
  if (!verdict.memo) return { ok: false, code: 'NOT_A_MEMO', reason: verdict.reason, warnings };

  const sections = buildSections(seg, warnings);
  const fields = mergeSideBars(head.sideBar, seg.bodySideBars, warnings);

  // Head fields.
  const title = head.title;
  if (title === null) warnings.push('No title found: the subject line(s) of the memo are missing');
  const addressee = head.addressee;
  if (addressee === null) warnings.push('No addressee found (e.g. "Aan de Minister van ...")');

  let date: string | null = null;
  const dateField = firstValue(fields, 'date');
  if (dateField?.value) {
    const parsed = parseDutchDate(dateField.value);
    if (parsed.kind === 'ok') date = parsed.iso;
    else if (parsed.kind === 'invalid') warnings.push(`Date "${dateField.value}" is not a valid date: ${parsed.reason}`);
    else warnings.push(`Date "${dateField.value}" could not be read as a date`);
  } else {
    warnings.push('No date found (Datum)');
  }

  const refField = firstValue(fields, 'reference');
  const reference = refField?.value ? normaliseReference(refField.value) : null;
  if (reference === null) warnings.push('No reference found (Kenmerk / Ons kenmerk)');

  const attachments = fields.filter((f) => f.key === 'attachments').flatMap((f) => f.items);
  const announced = fields.find((f) => f.key === 'attachments' && f.count !== null)?.count ?? null;
  if (announced !== null && announced !== attachments.length) {
    warnings.push(`Bijlage(n) announces ${announced} attachments but ${attachments.length} are listed`);
  }
  const copyTo = fields.filter((f) => f.key === 'copyTo').flatMap((f) => f.items);
  reportUnplacedFields(fields, warnings);

  const kind = memoKind(head.kindMarker, title, head.statusLabel, sections, warnings);

  const sender = safely<ParsedOrganizationRef[]>('the sender', warnings, [], () =>
    buildSender(allBars, addressee, warnings),
  );

  // Everything below reads the sections' text, in document order.
  let body = '';
  const ranges = new Map<ParsedSection, [number, number]>();
  for (const s of sections) {
    if (body !== '') body += '\n\n';
    const start = body.length;
    body += s.body;
    ranges.set(s, [start, body.length]);
  }

  const joinKind = (k: SectionKind): string | null => {
    const parts = sections.filter((s) => s.kind === k).map((s) => s.body).filter((b) => b !== '');
    return parts.length > 0 ? parts.join('\n\n') : null;
  };
  const occasion = joinKind('OCCASION');
  const advisedDecision = joinKind('ADVISED_DECISION');
  const keyPoints = joinKind('KEY_POINTS');

  const politicalContext = safely('political context', warnings, [], () =>
    extractPoliticalContext(title ? `${title}\n\n${body}` : body),
  );
  const consultedOrganizations = safely('consulted organisations', warnings, [], () => {
    const consultationRanges = sections.filter((s) => s.kind === 'CONSULTATION').map((s) => ranges.get(s)!);
    const result = extractConsultations(body, consultationRanges);
    warnings.push(...result.warnings);
    return result.codes;
  });

  const consideration = (k: SectionKind, make: (b: string) => ParsedConsideration): ParsedConsideration | null => {
    const parts = sections.filter((s) => s.kind === k);
    if (parts.length === 0) return null;
    return make(parts.map((s) => s.body).join('\n\n'));
  };
  const financialConsiderations = safely('financial considerations', warnings, null, () =>
    consideration('FINANCIAL_CONSIDERATIONS', financialConsideration),
  );
  const legalConsiderations = safely('legal considerations', warnings, null, () =>
    consideration('LEGAL_CONSIDERATIONS', legalConsideration),
  );

  const redactions = safely('redactions', warnings, [], () =>
    extractRedactions(
      sections.map((s) => ({
        section: s.number ?? (s.heading === '' ? null : s.heading),
        body: s.body,
        nonPublic: s.kind === 'NON_PUBLIC_INFORMATION',
      })),
    ),
  );
  if (
    sections.some((s) => s.kind === 'NON_PUBLIC_INFORMATION' && s.body !== '' && !s.notApplicable) &&
    redactions.length === 0
  ) {
    warnings.push('The section on non-public information names no recognisable Woo ground');
  }

  const countries = safely('countries', warnings, [], () => detectCountries(`${title ?? ''}\n${body}`));
  const topics = safely('topics', warnings, [], () =>
    detectTopics(`${title ?? ''}\n${body}`, [title, occasion, advisedDecision].filter(Boolean).join('\n')),
  );

  const memo: ParsedMemo = {
    kind,
    title,
    addressee,
    statusLabel: head.statusLabel,
    date,
    reference,
    sender,
    attachments,
    copyTo,
    sections,
    occasion,
    advisedDecision,
    keyPoints,
    politicalContext,
    consultedOrganizations,
    financialConsiderations,
    legalConsiderations,
    redactions,
    countries,
    topics,
    sourceText: text,
  };
  return { ok: true, memo, warnings };
}

function buildSections(seg: Segmentation, warnings: string[]): ParsedSection[] {
  const sections: ParsedSection[] = [];
  const leading = bodyOf(seg.head.leading);
  if (leading !== '') {
    warnings.push(
      seg.sections.length > 0
        ? 'Text before the first heading has no heading of its own (partial text?); kept as a leading section'
        : 'No section headings found; the text is kept as one section',
    );
    sections.push({ number: null, heading: '', kind: 'OTHER', body: leading, notApplicable: false });
  }
  for (const s of seg.sections) {
    const body = bodyOf(s.lines);
    sections.push({ number: s.number, heading: s.heading, kind: s.kind, body, notApplicable: isNotApplicable(body) });
  }
  return sections;
}

/**
 * The head side-bar's fields, completed from the copies PDF extraction repeats on later pages
 * (the EZ memos leave Kenmerk empty on page 1 and print it on page 2).
 */
function mergeSideBars(headBar: SideBar, bodyBars: SideBar[], warnings: string[]): LabelBlock[] {
  const fields = [...headBar.fields];
  for (const bar of bodyBars) {
    for (const f of bar.fields) {
      const existing = fields.find((e) => e.key === f.key);
      if (!existing) {
        fields.push(f);
        continue;
      }
      if (existing.value === null && f.value !== null) {
        existing.value = f.value;
        continue;
      }
      if (f.items.length > 0) {
        // Lists (attachments, copies) printed again later may add items; keep every distinct one.
        for (const item of f.items) if (!existing.items.includes(item)) existing.items.push(item);
        continue;
      }
      if (existing.value !== null && f.value !== null && existing.value !== f.value) {
        warnings.push(
          `The side-bar on page ${bar.page} gives ${f.label} "${f.value}" where the first page gives "${existing.value}"; the first is used`,
        );
      }
    }
  }
  return fields;
}

/** Side-bar boxes with a value that the memo contract has no field for; reported, not dropped. */
function reportUnplacedFields(fields: LabelBlock[], warnings: string[]): void {
  const placed = new Set(['date', 'reference', 'attachments', 'copyTo', 'subject', 'received']);
  for (const f of fields) {
    if (placed.has(f.key)) continue;
    const value = f.value ?? (f.items.length > 0 ? f.items.join('; ') : null);
    if (value !== null) warnings.push(`Side-bar field ${f.label}: "${value}" has no field in the memo and is not stored`);
  }
}

function memoKind(
  marker: string | null,
  title: string | null,
  statusLabel: string | null,
  sections: ParsedSection[],
  warnings: string[],
): MemoKind {
  const said = `${marker ?? ''} ${title ?? ''}`.toLowerCase();
  if (/informatienota/.test(said)) return 'INFORMATIENOTA';
  if (/beslisnota/.test(said)) return 'BESLISNOTA';
  const informational = statusLabel !== null && /INFORMATIE|KENNISNAME/.test(statusLabel);
  if (informational && !sections.some((s) => s.kind === 'ADVISED_DECISION')) {
    warnings.push(`Kind inferred as INFORMATIENOTA from status label ${statusLabel} and the absence of an advised decision`);
    return 'INFORMATIENOTA';
  }
  if (!sections.some((s) => s.kind === 'ADVISED_DECISION')) {
    warnings.push('Kind assumed to be BESLISNOTA: the text does not say, and no advised decision was found');
  }
  return 'BESLISNOTA';
}
