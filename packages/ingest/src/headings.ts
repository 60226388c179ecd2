import type { SectionKind } from './types.js';

// Heading texts seen across ministries, folded (lower case, no diacritics, single spaces).
// A heading is recognised by its text, never by its position alone: numbered lists in bodies
// ("1. Knelpunten op de arbeidsmarkt") look exactly like numbered headings.
const KNOWN_HEADINGS: [string, SectionKind][] = [
  ['aanleiding', 'OCCASION'],
  ['aanleiding en doel', 'OCCASION'],
  ['inleiding', 'OCCASION'],
  ['geadviseerd besluit', 'ADVISED_DECISION'],
  ['geadviseerde besluiten', 'ADVISED_DECISION'],
  ['geadviseerde beslissing', 'ADVISED_DECISION'],
  ['advies', 'ADVISED_DECISION'],
  ['besluit', 'ADVISED_DECISION'],
  ['voorgesteld besluit', 'ADVISED_DECISION'],
  ['gevraagd besluit', 'ADVISED_DECISION'],
  ['te nemen besluit', 'ADVISED_DECISION'],
  ['beslispunten', 'ADVISED_DECISION'],
  ['beslispunt', 'ADVISED_DECISION'],
  ['kernpunten', 'KEY_POINTS'],
  ['kern', 'KEY_POINTS'],
  ['kernpunt', 'KEY_POINTS'],
  ['samenvatting', 'KEY_POINTS'],
  ['toelichting', 'EXPLANATION'],
  ['politieke context', 'POLITICAL_CONTEXT'],
  ['politiek-bestuurlijke context', 'POLITICAL_CONTEXT'],
  ['politieke en maatschappelijke context', 'POLITICAL_CONTEXT'],
  ['politiek bestuurlijke context', 'POLITICAL_CONTEXT'],
  ['financiele overwegingen', 'FINANCIAL_CONSIDERATIONS'],
  ['financiele gevolgen', 'FINANCIAL_CONSIDERATIONS'],
  ['financiele aspecten', 'FINANCIAL_CONSIDERATIONS'],
  ['financiele consequenties', 'FINANCIAL_CONSIDERATIONS'],
  ['financien', 'FINANCIAL_CONSIDERATIONS'],
  ['juridische overwegingen', 'LEGAL_CONSIDERATIONS'],
  ['juridische aspecten', 'LEGAL_CONSIDERATIONS'],
  ['juridische gevolgen', 'LEGAL_CONSIDERATIONS'],
  ['juridische consequenties', 'LEGAL_CONSIDERATIONS'],
  ['krachtenveld', 'CONSULTATION'],
  ['afstemming', 'CONSULTATION'],
  ['draagvlak', 'CONSULTATION'],
  ['strategie', 'STRATEGY'],
  ['uitvoering', 'EXECUTION'],
  ['uitvoerbaarheid', 'EXECUTION'],
  ['implementatie', 'IMPLEMENTATION'],
  ['communicatie', 'COMMUNICATION'],
  ['ontwikkelingen hiervoor', 'PRIOR_DEVELOPMENTS'],
  ['ontwikkelingen', 'PRIOR_DEVELOPMENTS'],
  ['eerdere ontwikkelingen', 'PRIOR_DEVELOPMENTS'],
  ['voorgeschiedenis', 'PRIOR_DEVELOPMENTS'],
  ['informatie die niet openbaar gemaakt kan worden', 'NON_PUBLIC_INFORMATION'],
  ['informatie die niet openbaar wordt gemaakt', 'NON_PUBLIC_INFORMATION'],
  ['informatie die niet openbaar gemaakt wordt', 'NON_PUBLIC_INFORMATION'],
  ['informatie die niet openbaar kan worden gemaakt', 'NON_PUBLIC_INFORMATION'],
  ['niet openbaar te maken informatie', 'NON_PUBLIC_INFORMATION'],
  ['niet-openbare informatie', 'NON_PUBLIC_INFORMATION'],
  ['risico\'s', 'OTHER'],
  ['vervolgstappen', 'OTHER'],
  ['vervolgproces', 'OTHER'],
];

const KIND_BY_TEXT = new Map(KNOWN_HEADINGS);

export function foldHeading(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The section kind for a heading text, or null when the text is not a known heading. */
export function kindOfHeading(text: string): SectionKind | null {
  return KIND_BY_TEXT.get(foldHeading(cleanHeadingText(text))) ?? null;
}

/** True when `text` could be the first line of a known heading that wraps onto the next line. */
export function isKnownHeadingPrefix(text: string): boolean {
  const f = foldHeading(cleanHeadingText(text));
  if (f.length < 4) return false;
  for (const key of KIND_BY_TEXT.keys()) {
    if (key.length > f.length && key.startsWith(f + ' ')) return true;
  }
  return false;
}

/** Heading text without decoration: "Toelichting*" → "Toelichting", "Advies:" → "Advies". */
export function cleanHeadingText(text: string): string {
  return text
    .replace(/\*+/g, '')
    .replace(/[:\s]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface HeadingCandidate {
  number: string | null;
  text: string;
}

const NUMBERED = /^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$/;

/** Splits "4.1 Politieke context" / "1. Aanleiding" / "Aanleiding" into number and text. */
export function splitNumber(line: string): HeadingCandidate {
  const m = NUMBERED.exec(line);
  if (m && m[1] && m[2]) return { number: m[1], text: m[2] };
  return { number: null, text: line };
}

/** The numbers that may follow `last` in a heading sequence: next sibling, first child, next of an ancestor. */
export function nextHeadingNumbers(last: string | null): string[] {
  if (last === null) return ['1'];
  const parts = last.split('.').map(Number);
  const result = [`${last}.1`];
  for (let depth = parts.length; depth >= 1; depth--) {
    const prefix = parts.slice(0, depth - 1);
    const n = (parts[depth - 1] ?? 0) + 1;
    result.push([...prefix, n].join('.'));
  }
  return result;
}

/** Whether the text is short and shaped like a heading rather than a sentence or list item. */
export function looksLikeHeadingText(text: string): boolean {
  const t = cleanHeadingText(text);
  if (t.length === 0 || t.length > 70) return false;
  if (t.split(/\s+/).length > 8) return false;
  if (/[.;,]$/.test(t)) return false;
  return /^\p{Lu}/u.test(t);
}
