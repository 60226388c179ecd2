import type { SectionKind } from './types.js';
import type { SourceLine } from './normalise.js';
import type { LabelBlock, OrgLine } from './side-bar.js';
import {
  cleanHeadingText,
  isKnownHeadingPrefix,
  kindOfHeading,
  looksLikeHeadingText,
  nextHeadingNumbers,
  splitNumber,
} from './headings.js';
import { isAddressLine, isCityLine, orgLineKind, readLabelBlock, readOrgBlock } from './side-bar.js';
import { parseDutchDate } from './dates.js';

// Splits a memo's lines into the head block (addressee, title, side-bar), the sections, and the
// side-bars that PDF extraction repeats inside the body. Every line ends up in exactly one of:
// furniture, a head field, the title, the leading (heading-less) text, or a section.

export interface RawSection {
  number: string | null;
  heading: string;
  kind: SectionKind;
  /** False for numbered headings accepted only because they continue the numbering. */
  known: boolean;
  lines: SourceLine[];
}

export interface SideBar {
  fields: LabelBlock[];
  orgs: OrgLine[];
  addressLines: string[];
  page: number;
  /** Where it was found; the head one is the memo's own, the others are repetitions. */
  location: 'head' | 'page-top' | 'end' | 'inline';
}

export interface HeadBlock {
  addressee: string | null;
  statusLabel: string | null;
  /** A line that only names the document kind: "nota", "beslisnota", "informatienota". */
  kindMarker: string | null;
  title: string | null;
  sideBar: SideBar;
  /** Head-region lines that are neither a field nor the title. */
  leading: SourceLine[];
}

export interface Segmentation {
  head: HeadBlock;
  sections: RawSection[];
  bodySideBars: SideBar[];
  warnings: string[];
}

const STATUS_WORDS =
  'BESLISSING|ONDERTEKENING|INFORMATIE|KENNISNAME|ADVISERING|BESPREKING|GOEDKEURING|ACCORDERING|VASTSTELLING|INSTEMMING|PARAFERING|AKKOORD|ADVIES';
const STATUS_LINE = new RegExp(`^(?:nota\\s+)?(ter\\s+(?:${STATUS_WORDS})(?:\\s+en\\s+(?:${STATUS_WORDS}))?)[.:]?$`, 'i');
// Inside a longer line only the upper-case form is a label; "ter informatie" in prose is not.
const STATUS_INLINE = new RegExp(`\\b(TER\\s+(?:${STATUS_WORDS})(?:\\s+EN\\s+(?:${STATUS_WORDS}))?)\\b`);
const KIND_MARKER = /^(nota|beslisnota|informatienota|adviesnota|memo|notitie)$/i;
const ADDRESSEE =
  /^(?:(?:beslis|informatie|advies)?nota\s+)?(?:aan:?\s+)?(?:de\s+)?(minister-president|minister|staatssecretaris|secretaris-generaal|plaatsvervangend secretaris-generaal|directeur-generaal|thesaurier-generaal|sg|psg|dg)\b(.*)$/i;

export function normaliseAddressee(text: string): string | null {
  const m = ADDRESSEE.exec(text.trim());
  if (!m || text.length > 140 || /[.;]$/.test(text)) return null;
  const role = m[1] ?? '';
  const rest = (m[2] ?? '').replace(/\s+/g, ' ').trimEnd();
  const printedRole = role.length <= 3 ? role.toUpperCase() : role[0]!.toUpperCase() + role.slice(1);
  return `De ${printedRole}${rest}`;
}

function isBlankish(line: SourceLine | undefined): boolean {
  return !line || line.text === '' || line.furniture !== null;
}

interface HeadingMatch {
  number: string | null;
  heading: string;
  kind: SectionKind;
  known: boolean;
  lineCount: number;
  /** Text after "Heading:" on the same line, the first line of the body. */
  inlineBody?: string;
}

function previousContent(lines: SourceLine[], i: number): SourceLine | undefined {
  for (let j = i - 1; j >= 0; j--) {
    const l = lines[j]!;
    if (l.furniture === 'page-number') continue;
    return l;
  }
  return undefined;
}

function nextContent(lines: SourceLine[], i: number): SourceLine | undefined {
  for (let j = i; j < lines.length; j++) {
    const l = lines[j]!;
    if (l.furniture) continue;
    return l;
  }
  return undefined;
}

function matchHeadingAt(lines: SourceLine[], i: number, lastNumber: string | null): HeadingMatch | null {
  const line = lines[i]!;
  if (line.text.length > 90) return null;
  const { number, text } = splitNumber(line.text);
  let headingText = cleanHeadingText(text);
  let kind = kindOfHeading(headingText);
  let lineCount = 1;
  if (!kind && isKnownHeadingPrefix(headingText)) {
    const next = lines[i + 1];
    if (next && !next.furniture && next.text !== '') {
      const joined = cleanHeadingText(`${headingText} ${next.text}`);
      const k = kindOfHeading(joined);
      if (k) {
        kind = k;
        headingText = joined;
        lineCount = 2;
      }
    }
  }
  const prev = previousContent(lines, i);
  const prevBlank = isBlankish(prev);
  // "Aanleiding: De Kamer vroeg ..." — a known heading with its body on the same line.
  if (!kind) {
    const colon = /^([^:]{3,60}):\s+(\S.*)$/.exec(text);
    const k = colon ? kindOfHeading(colon[1] ?? '') : null;
    if (colon && k && (prevBlank || /[.:;!?)]$/.test(prev?.text ?? ''))) {
      return { number, heading: cleanHeadingText(colon[1] ?? ''), kind: k, known: true, lineCount: 1, inlineBody: colon[2] ?? '' };
    }
  }
  const after = lines[i + lineCount];
  if (kind) {
    if (number === null) {
      // An unnumbered heading stands on its own: after a blank line or a finished sentence,
      // and not followed by the lower-case rest of a sentence.
      const prevEndsSentence = prev !== undefined && /[.:;!?)]$/.test(prev.text);
      if (!(isBlankish(prev) || prevEndsSentence)) return null;
      // (A body may itself start in lower case, "n.v.t.", so this only applies mid-paragraph.)
      const nextLine = nextContent(lines, i + lineCount);
      if (!isBlankish(prev) && nextLine && /^\p{Ll}/u.test(nextLine.text)) return null;
    }
    return { number, heading: headingText, kind, known: true, lineCount };
  }
  // Unknown text: a heading only if it continues the numbering of real headings, is short, and
  // stands between blank lines like the real ones do.
  if (
    number !== null &&
    lastNumber !== null &&
    nextHeadingNumbers(lastNumber).includes(number) &&
    looksLikeHeadingText(text) &&
    prevBlank &&
    isBlankish(after)
  ) {
    return { number, heading: cleanHeadingText(text), kind: 'OTHER', known: false, lineCount: 1 };
  }
  return null;
}

function parentNumber(n: string): string | null {
  const i = n.lastIndexOf('.');
  return i < 0 ? null : n.slice(0, i);
}

interface RunContext {
  pageStart: boolean;
  headValues: Map<string, string>;
}

/** A side-bar repeated in the body: organisation lines and form fields, nothing else. */
function readSideBarRun(lines: SourceLine[], i: number, ctx: RunContext): { bar: SideBar; end: number } | null {
  const fields: LabelBlock[] = [];
  const orgs: OrgLine[] = [];
  const addressLines: string[] = [];
  let j = i;
  let end = i;
  while (j < lines.length) {
    const l = lines[j]!;
    if (l.furniture || l.text === '') {
      j++;
      continue;
    }
    const lb = readLabelBlock(lines, j);
    if (lb && lb.key !== 'subject') {
      fields.push(lb);
      j += lb.lineCount;
      end = j;
      continue;
    }
    if (orgLineKind(l.text) !== null) {
      const ob = readOrgBlock(lines, j);
      if (ob) {
        orgs.push(...ob.orgs);
        j += ob.lineCount;
        end = j;
        continue;
      }
    }
    if (isAddressLine(l.text) || (addressLines.length > 0 && isCityLine(l.text))) {
      addressLines.push(l.text);
      j++;
      end = j;
      continue;
    }
    break;
  }
  if (fields.length === 0) return null;
  const atEnd = lines.slice(end).every((l) => l.furniture !== null || l.text === '');
  const repeatsHead = fields.some((f) => f.value !== null && ctx.headValues.get(f.key) === f.value);
  if (!(ctx.pageStart || atEnd || orgs.length > 0 || repeatsHead)) return null;
  const page = lines[i]?.page ?? 1;
  return {
    bar: { fields, orgs, addressLines, page, location: ctx.pageStart ? 'page-top' : atEnd ? 'end' : 'inline' },
    end,
  };
}

export function segment(lines: SourceLine[]): Segmentation {
  const warnings: string[] = [];
  const sections: RawSection[] = [];
  const bodySideBars: SideBar[] = [];
  const headBar: SideBar = { fields: [], orgs: [], addressLines: [], page: 1, location: 'head' };
  let addressee: string | null = null;
  let addresseeLine = -1;
  let statusLabel: string | null = null;
  let kindMarker: string | null = null;
  let markerLine = -1;
  // Unclaimed head lines, with a paragraph number so the title can be picked as a whole.
  const unclaimed: { line: SourceLine; paragraph: number }[] = [];
  let paragraph = 0;
  let lastNumber: string | null = null;
  let mode: 'head' | 'body' = 'head';
  let current: RawSection | null = null;

  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.furniture || line.text === '') {
      if (mode === 'body' && current && line.text === '') current.lines.push(line);
      if (line.text === '' || line.furniture === 'page-number') paragraph++;
      i++;
      continue;
    }

    if (mode === 'body') {
      const prev = previousContent(lines, i);
      if (line.pageStart || isBlankish(prev)) {
        const headValues = new Map<string, string>();
        for (const f of headBar.fields) if (f.value !== null) headValues.set(f.key, f.value);
        const run = readSideBarRun(lines, i, { pageStart: line.pageStart, headValues });
        if (run) {
          bodySideBars.push(run.bar);
          i = run.end;
          continue;
        }
      }
    } else {
      const lb = readLabelBlock(lines, i);
      if (lb) {
        headBar.fields.push(lb);
        i += lb.lineCount;
        paragraph++;
        continue;
      }
      if (orgLineKind(line.text) !== null) {
        const ob = readOrgBlock(lines, i);
        if (ob) {
          headBar.orgs.push(...ob.orgs);
          i += ob.lineCount;
          paragraph++;
          continue;
        }
      }
    }

    const h = matchHeadingAt(lines, i, lastNumber);
    if (h) {
      let kind = h.kind;
      if (h.number !== null) {
        const parent = parentNumber(h.number);
        const parentSection = parent === null ? undefined : [...sections].reverse().find((s) => s.number === parent);
        // Sub-sections of the non-public part explain what is withheld: same kind as the parent.
        if (parentSection?.kind === 'NON_PUBLIC_INFORMATION') kind = 'NON_PUBLIC_INFORMATION';
        lastNumber = h.number;
      } else if (
        current?.kind === 'NON_PUBLIC_INFORMATION' &&
        h.kind === 'EXPLANATION' &&
        current.lines.every((l) => l.text === '')
      ) {
        kind = 'NON_PUBLIC_INFORMATION';
      }
      if (!h.known) {
        warnings.push(`Unknown heading "${h.number} ${h.heading}" (continues the numbering); kept as a section of kind OTHER`);
      }
      current = { number: h.number, heading: h.heading, kind, known: h.known, lines: [] };
      if (h.inlineBody) current.lines.push({ ...line, text: h.inlineBody });
      sections.push(current);
      mode = 'body';
      i += h.lineCount;
      continue;
    }

    if (mode === 'body') {
      current!.lines.push(line);
      i++;
      continue;
    }

    // Head region, a line that is no field, organisation or heading.
    const text = line.text;
    if (isAddressLine(text) || (isCityLine(text) && i > 0 && isAddressLine(lines[i - 1]?.text ?? ''))) {
      headBar.addressLines.push(text);
      paragraph++;
      i++;
      continue;
    }
    // A date on a line of its own ("Den Haag, 7 juni 2023") is the memo date when no Datum box has one.
    if (!headBar.fields.some((f) => f.key === 'date' && f.value !== null) && parseDutchDate(text).kind !== 'none') {
      headBar.fields.push({ key: 'date', label: 'Datum', value: text, items: [], count: null, lineCount: 1 });
      paragraph++;
      i++;
      continue;
    }
    const status = STATUS_LINE.exec(text);
    if (status && status[1]) {
      statusLabel ??= status[1].toUpperCase().replace(/\s+/g, ' ');
      paragraph++;
      i++;
      continue;
    }
    if (KIND_MARKER.test(text)) {
      kindMarker ??= text.toLowerCase();
      markerLine = i;
      paragraph++;
      i++;
      continue;
    }
    if (addressee === null) {
      const a = normaliseAddressee(text);
      if (a !== null) {
        addressee = a;
        addresseeLine = i;
        paragraph++;
        i++;
        continue;
      }
    }
    let rest = text;
    const inline = STATUS_INLINE.exec(text);
    if (inline && inline[1]) {
      statusLabel ??= inline[1].replace(/\s+/g, ' ');
      rest = (text.slice(0, inline.index) + text.slice(inline.index + inline[1].length)).replace(/\s+/g, ' ').trim();
    }
    if (rest !== '') unclaimed.push({ line: { ...line, text: rest }, paragraph });
    i++;
  }

  // The title is the first paragraph after the kind marker ("nota"), else after the addressee,
  // else a paragraph that announces itself ("Beslisnota bij ..."), else the Onderwerp field.
  const paragraphs = new Map<number, SourceLine[]>();
  for (const u of unclaimed) {
    const list = paragraphs.get(u.paragraph) ?? [];
    list.push(u.line);
    paragraphs.set(u.paragraph, list);
  }
  const ordered = [...paragraphs.entries()].sort((a, b) => a[0] - b[0]);
  const fitsTitle = (ls: SourceLine[]): boolean =>
    ls.length <= 4 && ls.map((l) => l.text).join(' ').length <= 300 && !/^[•\-–*]/.test(ls[0]?.text ?? '');
  let titleParagraph: number | null = null;
  const after = (lineIndex: number) =>
    ordered.find(([, ls]) => (ls[0]?.index ?? -1) > lineIndex && fitsTitle(ls))?.[0] ?? null;
  if (markerLine >= 0) titleParagraph = after(markerLine);
  if (titleParagraph === null && addresseeLine >= 0) titleParagraph = after(addresseeLine);
  if (titleParagraph === null) {
    titleParagraph =
      ordered.find(([, ls]) => /^(beslis|informatie|advies)?nota\b/i.test(ls[0]?.text ?? '') && fitsTitle(ls))?.[0] ??
      null;
  }
  let title: string | null = null;
  // An explicit Onderwerp/Betreft box is the title; the paragraph it would otherwise be stays content.
  const subject = headBar.fields.find((f) => f.key === 'subject' && f.items.length > 0);
  if (subject) {
    title = subject.items.join(' ');
    titleParagraph = null;
  } else if (titleParagraph !== null) {
    title = (paragraphs.get(titleParagraph) ?? []).map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim();
  }
  const leading = ordered.filter(([p]) => p !== titleParagraph).flatMap(([, ls]) => ls);

  return {
    head: { addressee, statusLabel, kindMarker, title, sideBar: headBar, leading },
    sections,
    bodySideBars,
    warnings,
  };
}
