import type { OrganizationKind } from './types.js';
import type { SourceLine } from './normalise.js';
import { looksLikeDate, parseDutchDate } from './dates.js';
import { kindOfHeading, splitNumber } from './headings.js';
import { organizationKindFromName } from './organizations.js';

// The side-bar of a Dutch government memo: organisation lines, letterhead address, and form
// fields printed as a label line followed by a value line ("Datum" / "7 juni 2023"). PDF text
// extraction puts it wherever the column happens to land: before the title, at the top of every
// later page, or after the last section.

export type LabelKey =
  | 'date'
  | 'reference'
  | 'theirReference'
  | 'author'
  | 'contact'
  | 'copyTo'
  | 'attachments'
  | 'initials'
  | 'received'
  | 'subject'
  | 'deadline';

interface LabelDef {
  key: LabelKey;
  re: RegExp;
  /** Multi-valued fields take every following line up to a blank line; single ones take one. */
  multi: boolean;
}

const END = '(?=$|[\\s:.\\-–(])';
const LABELS: LabelDef[] = [
  { key: 'date', re: new RegExp(`^(datum)${END}`, 'i'), multi: false },
  { key: 'reference', re: new RegExp(`^(ons kenmerk|kenmerk|onze referentie|referentie|ons nummer)${END}`, 'i'), multi: false },
  { key: 'theirReference', re: new RegExp(`^(uw kenmerk|uw brief|uw referentie)${END}`, 'i'), multi: false },
  { key: 'author', re: new RegExp(`^(auteur|opgesteld door|behandeld door|contactpersoon)${END}`, 'i'), multi: false },
  { key: 'contact', re: new RegExp(`^(telefoon|e-mail|mobiel|tel\\.)${END}`, 'i'), multi: false },
  { key: 'copyTo', re: new RegExp(`^(kopie aan|afschrift aan|cc)${END}`, 'i'), multi: true },
  { key: 'attachments', re: /^(bijlage\(n\)|bijlagen|bijlage)(?=$|[\s:.\-–(])/i, multi: true },
  { key: 'initials', re: new RegExp(`^(parafenroute|paraferingsroute|parafen)${END}`, 'i'), multi: true },
  // "Ontvangen BBR" is a stamp box with the receiving office in its caption; it has no value.
  { key: 'received', re: /^(ontvangen\b.*)$/i, multi: false },
  { key: 'subject', re: new RegExp(`^(onderwerp|betreft)${END}`, 'i'), multi: true },
  { key: 'deadline', re: new RegExp(`^(deadline|uiterste reactiedatum|termijn)${END}`, 'i'), multi: false },
];

export interface LabelBlock {
  key: LabelKey;
  label: string;
  /** Single-valued fields: the value, or null when the box is empty. */
  value: string | null;
  /** Multi-valued fields: the items (numbered items and their wrapped lines joined). */
  items: string[];
  /** An announced count such as "Bijlage(n) -3". */
  count: number | null;
  /** Lines consumed, including the label line. */
  lineCount: number;
}

export interface OrgLine {
  kind: OrganizationKind;
  name: string;
}

function matchLabel(text: string): { def: LabelDef; label: string; rest: string } | null {
  if (text.length > 80) return null;
  for (const def of LABELS) {
    const m = def.re.exec(text);
    if (m && m[1] !== undefined) {
      const label = m[1];
      const rest = def.key === 'received' ? '' : text.slice(label.length).replace(/^\s*:?\s*/, '');
      return { def, label, rest };
    }
  }
  return null;
}

export function isLabelLine(text: string): boolean {
  const m = matchLabel(text);
  if (!m) return false;
  // "Datum van inwerkingtreding is ..." is prose, not a label: an inline value must be value-like.
  return m.rest === '' || inlineValueFits(m.def, m.rest);
}

function inlineValueFits(def: LabelDef, rest: string): boolean {
  switch (def.key) {
    // On the label's own line only a real date or a compact reference counts, so prose such as
    // "Datum van inwerkingtreding is 1 januari 2025." is not taken for a side-bar box.
    case 'date':
      return parseDutchDate(rest).kind !== 'none';
    case 'reference':
    case 'theirReference':
      return /^[\p{L}\d&_.-]+(?:\s*\/\s*[\p{L}\d&_.-]+)*$/u.test(rest) && /\d/.test(rest);
    case 'attachments':
    case 'copyTo':
    case 'initials':
    case 'subject':
      return rest.length <= 120;
    default:
      return rest.split(/\s+/).length <= 6;
  }
}

export function looksLikeReference(text: string): boolean {
  return /\d/.test(text) && text.length <= 60 && text.split(/\s+/).length <= 6 && !/[.;]$/.test(text);
}

/** A line that ends a side-bar value list: another label, an organisation, a heading. */
function isBoundary(text: string): boolean {
  if (text === '') return true;
  if (isLabelLine(text)) return true;
  if (orgLineKind(text) !== null) return true;
  const { text: headingText } = splitNumber(text);
  return kindOfHeading(text) !== null || kindOfHeading(headingText) !== null;
}

/** Reads a label block starting at `lines[i]`, or returns null when the line is no label. */
export function readLabelBlock(lines: SourceLine[], i: number): LabelBlock | null {
  const line = lines[i];
  if (!line || line.furniture) return null;
  const m = matchLabel(line.text);
  if (!m) return null;
  const { def, label, rest } = m;
  if (rest !== '' && !inlineValueFits(def, rest)) return null;

  if (!def.multi) {
    if (rest !== '') return { key: def.key, label, value: rest, items: [], count: null, lineCount: 1 };
    if (def.key === 'received') return { key: def.key, label, value: null, items: [], count: null, lineCount: 1 };
    const next = lines[i + 1];
    if (next && !next.furniture && next.text !== '' && !isBoundary(next.text) && singleValueFits(def.key, next.text)) {
      return { key: def.key, label, value: next.text, items: [], count: null, lineCount: 2 };
    }
    return { key: def.key, label, value: null, items: [], count: null, lineCount: 1 };
  }

  let count: number | null = null;
  const items: string[] = [];
  const countMatch = /^[-–(]?\s*(\d{1,2})\s*\)?$/.exec(rest);
  if (countMatch) count = Number(countMatch[1]);
  else if (rest !== '') items.push(rest);

  let j = i + 1;
  let current: string | null = null;
  for (; j < lines.length; j++) {
    const l = lines[j]!;
    if (l.furniture) break;
    if (isBoundary(l.text)) break;
    const item = /^(?:\d{1,2}[.)]|[-•–*])\s+(.*)$/.exec(l.text);
    if (item) {
      if (current !== null) items.push(current);
      current = item[1] ?? '';
    } else if (current !== null) {
      current += ' ' + l.text;
    } else {
      current = l.text;
    }
  }
  if (current !== null) items.push(current);
  // Unnumbered lines under Bijlage(n) are one title wrapped over lines (as printed in the EZ
  // memos); only numbered or bulleted lists are separate items.
  return { key: def.key, label, value: null, items: items.map((s) => s.trim()).filter(Boolean), count, lineCount: j - i };
}

function singleValueFits(key: LabelKey, text: string): boolean {
  switch (key) {
    case 'date':
      return looksLikeDate(text);
    case 'reference':
    case 'theirReference':
      return looksLikeReference(text);
    default:
      return text.length <= 60 && text.split(/\s+/).length <= 6 && !/[.;]$/.test(text);
  }
}

/** The kind of organisation a side-bar line starts, or null ("Directie Ondernemerschap" → DIRECTORATE). */
export function orgLineKind(text: string): OrganizationKind | null {
  if (text.length > 80 || /[.;:,]$/.test(text)) return null;
  if (text.split(/\s+/).length > 8) return null;
  return organizationKindFromName(text);
}

function isOrgContinuation(text: string): boolean {
  if (text === '' || text.length > 50) return false;
  if (/[.;:,]$/.test(text)) return false;
  if (text.split(/\s+/).length > 5) return false;
  if (isBoundary(text) || isAddressLine(text)) return false;
  return /^[\p{Lu}&]/u.test(text);
}

/**
 * Reads consecutive organisation lines; a wrapped name ("Bureau Internationale" / "Migratie",
 * "Directoraat-generaal" / "Bedrijfsleven & Innovatie") is joined into one name.
 */
export function readOrgBlock(lines: SourceLine[], i: number): { orgs: OrgLine[]; lineCount: number } | null {
  const orgs: OrgLine[] = [];
  let j = i;
  while (j < lines.length) {
    const l = lines[j]!;
    if (l.furniture) break;
    const kind = orgLineKind(l.text);
    if (kind !== null) {
      orgs.push({ kind, name: l.text });
      j++;
      continue;
    }
    const last = orgs[orgs.length - 1];
    if (last && isOrgContinuation(l.text)) {
      last.name = `${last.name} ${l.text}`;
      j++;
      continue;
    }
    break;
  }
  if (orgs.length === 0) return null;
  for (const o of orgs) o.name = o.name.replace(/\s+/g, ' ').trim();
  return { orgs, lineCount: j - i };
}

// Street names end in a street word; "Begroting 2025" must not pass for an address.
const STREET =
  /^[\p{Lu}][\p{L}'.-]*(?:\s[\p{L}'.-]+){0,3}(?:straat|markt|weg|laan|plein|kade|gracht|singel|plantsoen|hof|dijk|park|baan|dreef|steeg|wal|haven|voorhout|toren)\s\d{1,4}[a-zA-Z]?(?:\s?-\s?\d+)?$/iu;
const POSTCODE = /^\d{4}\s?[A-Z]{2}(\s+\S.*)?$/;

/** Letterhead: visiting and postal address, website, switchboard. */
export function isAddressLine(text: string): boolean {
  return (
    POSTCODE.test(text) ||
    /^postbus\s+\d+/i.test(text) ||
    /^(www\.|https?:\/\/)\S+$/i.test(text) ||
    /^>?\s*retouradres\b/i.test(text) ||
    STREET.test(text)
  );
}

/** A city line directly after an address ("Den Haag"). */
export function isCityLine(text: string): boolean {
  return /^('s-Gravenhage|Den Haag|Utrecht|Amsterdam|Rijswijk|Zoetermeer|Rotterdam|Groningen|Heerlen|Apeldoorn|Assen)$/i.test(text);
}
