import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ParseResult, SectionKind } from './types.js';
import { parseMemoText } from './parse-memo.js';

// parseMemoText must never throw and must always return a well-formed result, whatever it is fed.
// Inputs come from a seeded generator so a failure can be replayed from its seed.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIXTURES = fileURLToPath(new URL('../fixtures/memos/', import.meta.url));
const FIXTURE_TEXTS = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(FIXTURES + f, 'utf8'));
const FIXTURE_LINES = FIXTURE_TEXTS.flatMap((t) => t.split('\n'));

const HEADINGS = [
  '1. Aanleiding', '2. Geadviseerd besluit', '3. Kernpunten', '4. Toelichting*', '4.1 Politieke context',
  '4.2 Financiële overwegingen', 'Juridische overwegingen', 'Krachtenveld', 'Advies', 'Kern',
  '5. Informatie die niet openbaar gemaakt kan worden', '5.1 Toelichting', 'Informatie die niet openbaar', 'wordt gemaakt',
];
const ODDITIES = [
  '', ' ', '\f', '\r', '\t', '**', '•', '- ', '1.', '4.10', 'Datum', 'Kenmerk', 'Bijlage(n) -3', 'Pagina 1 van 2',
  '# source: x', 'TER BESLISSING', 'motie', 'motie-', 'lid', '€', '€ 1.2.3,4,5 miljard', '5.1.2', 'art. 5.1 lid',
  'Kamerstuk 28 362, nr.', 'TZ', '2022Z', 'Aan de Minister van', 'De Staatssecretaris van', 'nota', 'Geachte',
  '\u0000', '\uD800', '\uDFFF', '\u202E', '\uFEFF', '(((((', ')))))', '[[', '\\', '$&', '$1',
];

type Gen = (rnd: () => number) => string;

const pick = <T,>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const randomUnicode: Gen = (rnd) => {
  const n = Math.floor(rnd() * 400);
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.1) s += '\n';
    else if (r < 0.15) s += ' ';
    else if (r < 0.5) s += String.fromCharCode(32 + Math.floor(rnd() * 95));
    // Any UTF-16 code unit, lone surrogates included: JS strings may contain them.
    else s += String.fromCharCode(Math.floor(rnd() * 0x10000));
  }
  return s;
};

const shuffledFixtureLines: Gen = (rnd) => {
  const n = 1 + Math.floor(rnd() * 80);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    let line = pick(rnd, FIXTURE_LINES);
    if (rnd() < 0.2) line = line.slice(0, Math.floor(rnd() * line.length));
    lines.push(line);
  }
  return lines.join(rnd() < 0.5 ? '\n' : '\r\n');
};

const truncatedFixture: Gen = (rnd) => {
  const t = pick(rnd, FIXTURE_TEXTS);
  const a = Math.floor(rnd() * t.length);
  const b = a + Math.floor(rnd() * (t.length - a));
  return t.slice(a, b);
};

const headingsWithoutBodies: Gen = (rnd) => {
  const n = Math.floor(rnd() * 20);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(rnd() < 0.7 ? pick(rnd, HEADINGS) : pick(rnd, ODDITIES));
  return lines.join(rnd() < 0.5 ? '\n' : '\n\n');
};

const mixed: Gen = (rnd) => {
  const parts: string[] = [];
  const n = Math.floor(rnd() * 30);
  for (let i = 0; i < n; i++) {
    const g = pick(rnd, [randomUnicode, shuffledFixtureLines, headingsWithoutBodies, () => pick(rnd, ODDITIES)]);
    parts.push(g(rnd));
  }
  return parts.join(pick(rnd, ['\n', '\n\n', '\f', ' ', '']));
};

const SECTION_KINDS: readonly SectionKind[] = [
  'OCCASION', 'ADVISED_DECISION', 'KEY_POINTS', 'EXPLANATION', 'POLITICAL_CONTEXT', 'FINANCIAL_CONSIDERATIONS',
  'LEGAL_CONSIDERATIONS', 'CONSULTATION', 'STRATEGY', 'EXECUTION', 'IMPLEMENTATION', 'COMMUNICATION',
  'PRIOR_DEVELOPMENTS', 'NON_PUBLIC_INFORMATION', 'OTHER',
];

function assertWellFormed(input: string, r: ParseResult): void {
  expect(Array.isArray(r.warnings)).toBe(true);
  for (const w of r.warnings) expect(typeof w).toBe('string');
  // The safety nets must not be what keeps it from throwing: an internal error is a bug.
  expect(r.warnings.filter((w) => w.startsWith('Could not extract'))).toEqual([]);
  if (!r.ok) expect(r.reason).not.toMatch(/unexpected error/);
  if (!r.ok) {
    expect(['NOT_A_MEMO', 'EMPTY_TEXT']).toContain(r.code);
    expect(r.reason.length).toBeGreaterThan(0);
    if (input.trim() === '') expect(r.code).toBe('EMPTY_TEXT');
    return;
  }
  const m = r.memo;
  expect(m.sourceText).toBe(input);
  expect(m.date === null || /^\d{4}-\d{2}-\d{2}$/.test(m.date)).toBe(true);
  for (const s of m.sections) {
    expect(SECTION_KINDS).toContain(s.kind);
    expect(typeof s.body).toBe('string');
    expect(s.number === null || /^\d+(\.\d+)*$/.test(s.number)).toBe(true);
  }
  for (const c of m.countries) expect(c).toMatch(/^[A-Z]{2}$/);
  for (const a of m.financialConsiderations?.amounts ?? []) expect(Number.isFinite(a)).toBe(true);
  // The result is plain data: it survives serialisation (the API sends it as JSON).
  expect(() => JSON.stringify(r)).not.toThrow();
}

function run(gen: Gen, seeds: number, base: number): void {
  for (let seed = base; seed < base + seeds; seed++) {
    const input = gen(mulberry32(seed));
    let result: ParseResult | undefined;
    expect(() => {
      result = parseMemoText(input);
    }, `seed ${seed}`).not.toThrow();
    assertWellFormed(input, result!);
  }
}

describe('parseMemoText never throws', () => {
  it('on random unicode', () => run(randomUnicode, 300, 1));
  it('on shuffled and truncated fixture lines', () => run(shuffledFixtureLines, 300, 1000));
  it('on truncated fixtures', () => run(truncatedFixture, 300, 2000));
  it('on headings without bodies and odd tokens', () => run(headingsWithoutBodies, 300, 3000));
  it('on mixtures of all of these', () => run(mixed, 100, 4000));

  it('on non-string input smuggled past the types', () => {
    for (const bad of [undefined, null, 42, {}, []]) {
      const r = parseMemoText(bad as unknown as string);
      expect(r.ok === false || r.ok === true).toBe(true);
    }
  });

  it('is deterministic', () => {
    const input = mixed(mulberry32(77));
    expect(JSON.stringify(parseMemoText(input))).toBe(JSON.stringify(parseMemoText(input)));
  });

  it('on ~1 MB inputs (a memo repeated, shuffled lines, one long line, random unicode)', () => {
    const rnd = mulberry32(99);
    const mb = 1_000_000;
    let repeated = '';
    while (repeated.length < mb) repeated += pick(rnd, FIXTURE_TEXTS) + '\n';
    let shuffled = '';
    while (shuffled.length < mb) shuffled += shuffledFixtureLines(rnd) + '\n';
    let unicode = '';
    while (unicode.length < mb) unicode += randomUnicode(rnd);
    const inputs = [repeated, shuffled, 'x'.repeat(mb), unicode, 'Motie van de '.repeat(mb / 13), '\n'.repeat(mb)];
    for (const input of inputs) {
      const r = parseMemoText(input);
      assertWellFormed(input, r);
    }
  });
});
