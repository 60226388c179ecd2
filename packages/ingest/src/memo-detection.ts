import type { SectionKind } from './types.js';

// Is this a memo? A memo is recognised by its own structure (the memo sections, a memo head
// block) rather than by one keyword, and a letter is recognised by what letters have and memos
// never do (a salutation, "Onze referentie", a return address, an objection clause). The two are
// weighed against each other so that a memo which quotes a letter is still a memo.

export interface MemoEvidence {
  /** Distinct kinds of recognised headings. */
  headingKinds: Set<SectionKind>;
  hasAddressee: boolean;
  hasStatusLabel: boolean;
  hasKindMarker: boolean;
  hasMemoTitle: boolean;
  hasMemoFields: boolean;
}

export type Verdict = { memo: true } | { memo: false; reason: string };

const LETTER_SIGNALS: [RegExp, string][] = [
  [/^geachte\b/im, 'a salutation ("Geachte")'],
  [/^(met vriendelijke groet|hoogachtend)/im, 'a letter closing'],
  [/retouradres/i, 'a return address ("Retouradres")'],
  [/^onze referentie\b/im, '"Onze referentie" instead of a memo Kenmerk'],
  [/^(uw brief|uw kenmerk)\b/im, 'a reference to the addressee\'s letter'],
  [/^betreft\b/im, 'a "Betreft" subject line'],
  [/bezwaarclausule|bezwaarschrift/i, 'an objection clause (bezwaar)'],
  [/^namens deze,?$/im, 'a signature "namens deze"'],
];

const WOO_DECISION = /besluit op (uw )?woo-verzoek|uw woo-verzoek|wob-verzoek|besluit op uw verzoek/i;

const CORE: SectionKind[] = ['OCCASION', 'ADVISED_DECISION', 'KEY_POINTS'];

export function judgeMemo(text: string, e: MemoEvidence): Verdict {
  const letterSignals = LETTER_SIGNALS.filter(([re]) => re.test(text)).map(([, label]) => label);
  const coreHeadings = CORE.filter((k) => e.headingKinds.has(k)).length;
  const headSignals = [e.hasAddressee, e.hasStatusLabel, e.hasKindMarker, e.hasMemoTitle, e.hasMemoFields].filter(
    Boolean,
  ).length;
  const memoScore = e.headingKinds.size + headSignals;

  if (letterSignals.length >= 2 && coreHeadings < 2 && letterSignals.length >= headSignals) {
    const what = WOO_DECISION.test(text) ? 'a Woo decision letter' : 'a letter';
    return {
      memo: false,
      reason:
        `The text looks like ${what}, not a memo: it has ${letterSignals.join(', ')}, ` +
        `and it lacks the memo sections (Aanleiding, Geadviseerd besluit/Advies, Kernpunten).`,
    };
  }
  if (e.headingKinds.size === 0 && headSignals < 2) {
    return {
      memo: false,
      reason:
        'No memo structure found: none of the memo sections (Aanleiding, Geadviseerd besluit/Advies, Kernpunten, Toelichting, ...) ' +
        'and no memo head block (addressee, status label, Kenmerk/Datum side-bar).',
    };
  }
  if (memoScore < 2) {
    return {
      memo: false,
      reason:
        'Too little memo structure to import: a single recognised heading without a memo head block or other memo sections.',
    };
  }
  return { memo: true };
}
