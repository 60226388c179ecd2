import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ParsedMemo, ParseResult } from './types.js';
import { parseMemoText } from './parse-memo.js';
import { parseDutchDate } from './dates.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/memos/', import.meta.url));
const fixtureNames = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.replace(/\.txt$/, ''));

function load(name: string): { text: string; expected: Record<string, unknown>; result: ParseResult } {
  const text = readFileSync(`${FIXTURES}${name}.txt`, 'utf8');
  const expected = JSON.parse(readFileSync(`${FIXTURES}expected/${name}.json`, 'utf8')) as Record<string, unknown>;
  return { text, expected, result: parseMemoText(text) };
}

function memoOf(result: ParseResult): ParsedMemo {
  if (!result.ok) throw new Error(`expected a memo, got ${result.code}: ${result.reason}`);
  return result.memo;
}

/** Keeps only the keys the expectation names, so "free" fields don't make the comparison brittle. */
function project(actual: readonly object[], expected: Record<string, unknown>[]): Record<string, unknown>[] {
  return actual.map((a, i) => {
    const keys = Object.keys(expected[i] ?? expected[0] ?? {});
    return Object.fromEntries(keys.map((k) => [k, (a as Record<string, unknown>)[k]]));
  });
}

describe('memo fixtures against their expected JSON', () => {
  it('has an expectation for every fixture', () => {
    expect(fixtureNames.length).toBe(5);
    for (const name of fixtureNames) expect(() => load(name)).not.toThrow();
  });

  for (const name of fixtureNames) {
    describe(name, () => {
      const { expected, result } = load(name);

      // Every key in the expected JSON is asserted; an unknown key fails so nothing is skipped silently.
      for (const [key, want] of Object.entries(expected)) {
        if (key.startsWith('_') || key.endsWith('_note')) continue;
        it(`gives ${key}`, () => {
          if (key === 'refused') {
            expect(result.ok).toBe(!want);
            return;
          }
          const memo = memoOf(result);
          const warnings = result.warnings;
          switch (key) {
            case 'kind':
            case 'title':
            case 'addressee':
            case 'statusLabel':
            case 'date':
            case 'reference':
            case 'attachments':
            case 'countries':
            case 'consultedOrganizations':
              expect(memo[key]).toEqual(want);
              break;
            case 'sender':
            case 'sections':
            case 'politicalContext':
            case 'redactions': {
              const list = want as Record<string, unknown>[];
              expect(project(memo[key] as readonly object[], list)).toEqual(list);
              break;
            }
            case 'sections_include':
              for (const s of want as Record<string, unknown>[]) {
                expect(memo.sections).toContainEqual(expect.objectContaining(s));
              }
              break;
            case 'keyPoints_contains':
              for (const s of want as string[]) expect(memo.keyPoints).toContain(s);
              break;
            case 'advisedDecision_startsWith':
              expect(memo.advisedDecision?.startsWith(want as string)).toBe(true);
              break;
            case 'consultedOrganizations_include':
              for (const c of want as string[]) expect(memo.consultedOrganizations).toContain(c);
              break;
            case 'topics_include':
              for (const t of want as string[]) expect(memo.topics).toContain(t);
              break;
            case 'financialConsiderations':
            case 'legalConsiderations':
              expect(memo[key]).toMatchObject(want as object);
              break;
            case 'notApplicableSections':
              expect(memo.sections.filter((s) => s.notApplicable).map((s) => s.number)).toEqual(want);
              break;
            case 'warnings_include':
              for (const w of want as string[]) {
                expect(warnings.some((x) => x.toLowerCase().includes(w.toLowerCase())), `a warning about ${w}`).toBe(true);
              }
              break;
            default:
              throw new Error(`expectation key ${key} is not handled by this test`);
          }
        });
      }
    });
  }
});

describe('J&V memo (numbered, side-bar repeated at the end)', () => {
  const memo = memoOf(load('jenv-2023-06-07-beslisnota-marokko-migratie').result);
  const { result } = load('jenv-2023-06-07-beslisnota-marokko-migratie');

  it('gives register codes for the sender chain', () => {
    expect(memo.sender.map((s) => s.code)).toEqual(['JenV', 'DGM', 'DGM-BIM']);
  });

  it('strips the asterisk from "4. Toelichting*" and keeps its body', () => {
    const s = memo.sections.find((x) => x.number === '4');
    expect(s).toMatchObject({ heading: 'Toelichting', body: 'Zie punt 3.' });
  });

  it('does not append the repeated side-bar to the last section', () => {
    const last = memo.sections.at(-1)!;
    expect(last.body).toBe('De persoonsgegevens van de ambtenaren zijn niet openbaar ter bescherming van de persoonlijke levenssfeer.');
    expect(memo.sections.map((s) => s.body).join('\n')).not.toMatch(/Ons kenmerk|Directoraat/);
  });

  it('keeps each section body whole', () => {
    expect(memo.occasion).toMatch(/^Binnen de Tweede Kamer .* in bewaringsstelling\.$/);
    expect(memo.keyPoints).toMatch(/^Afgelopen periode .* in bewaringstelling\.$/);
    expect(memo.sections.find((s) => s.number === '4.1')?.body).toBe('Coalitieakkoord\nMotie Ceder\nToezegging aan lid Markuszower');
  });

  it('gives parties from the member register and the sentence as description', () => {
    expect(memo.politicalContext.map((p) => p.party)).toEqual(['ChristenUnie', 'PvdA', 'PVV', null]);
    expect(memo.politicalContext[0]?.description).toContain('Zie motie Ceder');
    expect(memo.politicalContext.every((p) => p.parliamentaryReference === null)).toBe(true);
  });

  it('warns that SWZ was resolved to SZW through an alias', () => {
    expect(result.warnings).toContain('Consultation: SWZ resolved to SZW (alias)');
  });

  it('explains the redaction with the memo sentence', () => {
    expect(memo.redactions[0]?.explanation).toContain('persoonlijke levenssfeer');
  });

  it('gives migration as a topic besides asylum, return and detention', () => {
    expect(memo.topics).toEqual(expect.arrayContaining(['asylum', 'return', 'detention', 'migration']));
    expect(memo.topics).not.toContain('regulatory_burden');
  });

  it('keeps the source text', () => {
    expect(memo.sourceText).toBe(load('jenv-2023-06-07-beslisnota-marokko-migratie').text);
  });
});

describe('EZ memos (unnumbered, label/value side-bar, page breaks)', () => {
  const atr = load('ez-2024-10-30-beslisnota-werkprogramma-atr');
  const nvw = load('ez-2024-12-05-beslisnota-tweede-nota-van-wijziging-atr');

  it('takes the Kenmerk from page 2 when page 1 leaves it empty', () => {
    expect(memoOf(atr.result).reference).toBe('DGBI-O / 89581779');
  });

  it('keeps the page-2 list 1..5 inside the key points', () => {
    const kp = memoOf(atr.result).keyPoints!;
    expect(kp).toContain('1. Administratieve lasten in het primair en voortgezet onderwijs');
    expect(kp).toContain('5. Vereenvoudigen instrumentarium voor verduurzaming');
    expect(kp).not.toMatch(/Directie Ondernemerschap|Kenmerk|Pagina/);
  });

  it('keeps bullets on their own lines', () => {
    const kp = memoOf(atr.result).keyPoints!;
    expect(kp.split('\n').filter((l) => l.startsWith('• ')).length).toBe(4);
  });

  it('does not treat the numbered attachments as headings', () => {
    expect(memoOf(atr.result).sections.map((s) => s.heading)).toEqual(['Aanleiding', 'Advies', 'Kernpunten']);
  });

  it('has no warnings for complete memos', () => {
    expect(atr.result.warnings).toEqual([]);
  });

  it('gives regulatory burden as a topic and no countries', () => {
    expect(memoOf(atr.result).topics).toContain('regulatory_burden');
    expect(memoOf(nvw.result).topics).toContain('regulatory_burden');
    expect(memoOf(nvw.result).countries).toEqual([]);
  });

  it('lists BZK as consulted, not J&V (a wetgevingstoets) and not the RCO (a forum), which gets a warning', () => {
    const memo = memoOf(nvw.result);
    expect(memo.consultedOrganizations).toEqual(['BZK']);
    expect(nvw.result.warnings.some((w) => w.includes('"RCO"'))).toBe(true);
  });

  it('classifies the regeerprogramma as COALITION_AGREEMENT under its own title', () => {
    expect(memoOf(nvw.result).politicalContext).toEqual([
      expect.objectContaining({ kind: 'COALITION_AGREEMENT', title: 'Regeerprogramma', member: null }),
    ]);
  });

  it('has no considerations when the memo has no such sections', () => {
    expect(memoOf(nvw.result).financialConsiderations).toBeNull();
    expect(memoOf(nvw.result).legalConsiderations).toBeNull();
  });
});

describe('partial memo (page 2 only)', () => {
  const { result } = load('ez-2024-beslisnota-nnav-verslag-atr-page2-only');
  const memo = memoOf(result);

  it('keeps the text before the first heading as a leading section', () => {
    expect(memo.sections[0]).toMatchObject({ number: null, heading: '', kind: 'OTHER' });
    expect(memo.sections[0]?.body).toMatch(/^• De uitzondering op de adviesplicht .* \(vraag 72\)\.$/s);
  });

  it('warns about the missing date, title and addressee', () => {
    const all = result.warnings.join('\n').toLowerCase();
    for (const w of ['date', 'title', 'addressee']) expect(all).toContain(w);
  });

  it('derives the sender ministry from the register and says so', () => {
    expect(memo.sender.map((s) => [s.kind, s.name, s.code])).toEqual([
      ['MINISTRY', 'Ministerie van Economische Zaken', 'EZ'],
      ['DIRECTORATE_GENERAL', 'Directoraat-generaal Bedrijfsleven & Innovatie', 'DGBI'],
    ]);
    expect(result.warnings.some((w) => w.includes('inferred from the organisation register'))).toBe(true);
  });

  it('does not read the party names in the question list as members', () => {
    expect(memo.politicalContext).toEqual([]);
  });
});

describe('control: a Woo decision letter', () => {
  const { result } = load('control-not-a-memo-ienw-woo-besluit-2025-12-09');

  it('is refused as NOT_A_MEMO with a reason that says what it looks like', () => {
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('NOT_A_MEMO');
    expect(result.reason).toMatch(/Woo decision letter/);
    expect(result.reason).toMatch(/Geachte/);
  });
});

describe('no content is dropped', () => {
  // Page furniture as a reader would define it, independently of the parser: provenance, page
  // numbers, letterhead addresses, empty form labels and the "nota" kind marker.
  const FURNITURE = [
    /^# source:/,
    /^Pagina \d+ van \d+$/,
    /^\d{4} [A-Z]{2} /,
    /^Postbus \d+/,
    /^www\./,
    /^Turfmarkt \d+$/,
    /^(Datum|Kenmerk|Ons kenmerk|Auteur|Kopie aan|Parafenroute|Ontvangen BBR|nota)$/,
    /^Bijlage\(n\)( -\d+)?$/,
  ];
  const words = (s: string) => (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

  for (const name of fixtureNames.filter((n) => !n.startsWith('control'))) {
    it(`${name}: every word of every content line appears in the output`, () => {
      const { text, result } = load(name);
      const memo = memoOf(result);
      const { sourceText: _ignored, ...rest } = memo;
      const strings: string[] = [];
      const collect = (v: unknown): void => {
        if (typeof v === 'string') strings.push(v);
        else if (Array.isArray(v)) v.forEach(collect);
        else if (v && typeof v === 'object') Object.values(v).forEach(collect);
      };
      collect(rest);
      collect(result.warnings);
      const haystack = new Set(words(strings.join('\n')));
      const missing: string[] = [];
      for (const raw of text.split(/[\n\f]/)) {
        const line = raw.replace(/\*\*/g, '').trim();
        if (line === '' || FURNITURE.some((re) => re.test(line))) continue;
        const date = parseDutchDate(line);
        if (date.kind === 'ok') {
          expect(memo.date).toBe(date.iso);
          continue;
        }
        for (const w of words(line)) if (!haystack.has(w)) missing.push(`${w} (in "${line}")`);
      }
      expect(missing).toEqual([]);
    });
  }

  it('reports a filled-in side-bar box that has no field in the memo', () => {
    const text = [
      'Aan de Minister van Economische Zaken',
      '',
      'Onderwerp van de nota',
      '',
      'Auteur',
      'J. Jansen',
      '',
      'Datum',
      '5 december 2024',
      '',
      'Aanleiding',
      'Tekst.',
      '',
      'Advies',
      'Akkoord.',
    ].join('\n');
    const result = parseMemoText(text);
    expect(result.ok).toBe(true);
    expect(result.warnings.some((w) => w.includes('J. Jansen'))).toBe(true);
  });
});
