import type { ParsedConsideration } from './types.js';

const NOT_APPLICABLE = /^(n\.?\s?v\.?\s?t\.?|niet van toepassing\.?|nvt\.?|geen\.?|-)$/i;

/** "N.v.t.", "n.v.t", "Niet van toepassing" and friends: the whole body says "not applicable". */
export function isNotApplicable(body: string): boolean {
  return NOT_APPLICABLE.test(body.trim());
}

/**
 * Parses a Dutch-formatted number: "." groups thousands and "," is the decimal separator
 * ("1.234,5" → 1234.5). A lone "." followed by other than three digits is read as a decimal
 * point ("2.5"), because nobody groups thousands that way.
 */
export function parseDutchNumber(raw: string): number | null {
  const s = raw.trim();
  if (!/^\d[\d.,]*$/.test(s)) return null;
  let normalised: string;
  if (s.includes(',')) {
    normalised = s.replace(/\./g, '').replace(',', '.');
    if (normalised.includes(',')) return null;
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) {
    normalised = s.replace(/\./g, '');
  } else {
    normalised = s;
  }
  const n = Number(normalised);
  return Number.isFinite(n) ? n : null;
}

const MULTIPLIERS: [RegExp, number][] = [
  [/^(miljard|mld\.?|mrd\.?)$/i, 1e9],
  [/^(miljoen|mln\.?|mio\.?|m)$/i, 1e6],
  [/^(duizend|dzd\.?|k)$/i, 1e3],
];

function multiplier(word: string | undefined): number {
  if (!word) return 1;
  for (const [re, n] of MULTIPLIERS) if (re.test(word)) return n;
  return 1;
}

const NUMBER = '(\\d[\\d.,]*\\d|\\d)';
const SCALE = '(?:\\s*(miljard|mld\\.?|mrd\\.?|miljoen|mln\\.?|mio\\.?|duizend|dzd\\.?)(?![\\p{L}]))?';
const BEFORE = new RegExp(`(?:€|EUR\\b|euro\\b)\\s*${NUMBER}(?:,-|,–)?${SCALE}`, 'giu');
const AFTER = new RegExp(`(?<![\\d.,€])${NUMBER}${SCALE}\\s*(?:euro|EUR)\\b`, 'giu');

/** Amounts in euros: "€ 2,5 miljoen" → 2500000, "EUR 300.000" → 300000, "1,2 mld euro" → 1.2e9. */
export function extractAmounts(text: string): number[] {
  const found: { at: number; value: number }[] = [];
  for (const re of [BEFORE, AFTER]) {
    for (const m of text.matchAll(re)) {
      const n = parseDutchNumber(m[1] ?? '');
      if (n === null) continue;
      // Rounding removes binary noise from 2,5 × 1e6 style products.
      const value = Math.round(n * multiplier(m[2]) * 100) / 100;
      if (!found.some((f) => f.at === m.index)) found.push({ at: m.index, value });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.value);
}

const NO_IMPACT =
  /\b(geen|niet)\s+(?:directe\s+)?(financi[eë]le|budgettaire)\s+(gevolgen|consequenties|effecten|implicaties)|\bbudgetneutraal\b|\bbudgettair neutraal\b|\bgeen\s+gevolgen\s+voor\s+de\s+(rijks)?begroting/i;
const IMPACT =
  /\b(kosten|dekking|gedekt|extra middelen|budgettaire gevolgen|financi[eë]le gevolgen|meerkosten|structureel|incidenteel|claim|begrotingsreserve)\b/i;

export function financialConsideration(body: string): ParsedConsideration {
  const text = body.trim();
  if (isNotApplicable(text)) return { applicable: false, text: text || null, hasBudgetImpact: null, amounts: [] };
  const amounts = extractAmounts(text);
  let hasBudgetImpact: boolean | null = null;
  if (amounts.length > 0) hasBudgetImpact = true;
  else if (NO_IMPACT.test(text)) hasBudgetImpact = false;
  else if (IMPACT.test(text)) hasBudgetImpact = true;
  return { applicable: true, text: text || null, hasBudgetImpact, amounts };
}

export function legalConsideration(body: string): ParsedConsideration {
  const text = body.trim();
  return { applicable: !isNotApplicable(text), text: text || null, hasBudgetImpact: null, amounts: [] };
}
