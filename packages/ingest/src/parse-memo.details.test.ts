import { describe, it, expect } from 'vitest';
import type { ParsedMemo, ParseResult } from './types.js';
import { parseMemoText, normaliseReference } from './parse-memo.js';
import { parseDutchDate } from './dates.js';
import { extractAmounts, financialConsideration, parseDutchNumber } from './considerations.js';
import { extractPoliticalContext } from './political-context.js';
import { findStamps } from './redactions.js';

// Layouts and phrasings beyond the fixtures, written the way other ministries print them.

function memoOf(result: ParseResult): ParsedMemo {
  if (!result.ok) throw new Error(`expected a memo, got ${result.code}: ${result.reason}`);
  return result.memo;
}

const memo = (...lines: string[]) => parseMemoText(lines.join('\n'));

describe('head block', () => {
  it('reads an informatienota with an inline status label and an abbreviated month', () => {
    const r = memo(
      'Aan de Minister voor Asiel en Migratie',
      '',
      'Informatienota over de instroom van asielzoekers TER INFORMATIE',
      '',
      'Datum',
      '3 mrt. 2025',
      'Kenmerk',
      'DGM/DMB  /  123456',
      '',
      'Aanleiding',
      'U vroeg om een overzicht.',
      '',
      'Kern',
      'De asielinstroom daalt.',
    );
    const m = memoOf(r);
    expect(m.kind).toBe('INFORMATIENOTA');
    expect(m.statusLabel).toBe('TER INFORMATIE');
    expect(m.title).toBe('Informatienota over de instroom van asielzoekers');
    expect(m.date).toBe('2025-03-03');
    expect(m.reference).toBe('DGM / DMB / 123456');
    expect(m.addressee).toBe('De Minister voor Asiel en Migratie');
    expect(m.sender[0]).toMatchObject({ kind: 'MINISTRY', code: 'JenV' });
    expect(m.sections.map((s) => s.kind)).toEqual(['OCCASION', 'KEY_POINTS']);
  });

  it('rejects an impossible date with a warning', () => {
    const r = memo('Aan de Minister van Financiën', '', 'Beslisnota over iets', '', 'Datum', '31 juni 2024', '', 'Aanleiding', 'x.', '', 'Advies', 'y.');
    expect(memoOf(r).date).toBeNull();
    expect(r.warnings.some((w) => w.includes('31 juni 2024') && w.includes('not a valid date'))).toBe(true);
  });

  it('keeps a reference printed without spaces as it is', () => {
    expect(normaliseReference('IENW/BSK-2025/293508')).toBe('IENW/BSK-2025/293508');
    expect(normaliseReference('DGBI-O /95900464')).toBe('DGBI-O / 95900464');
  });

  it('warns when the announced attachment count differs from the list', () => {
    const r = memo('Aan de Minister van Defensie', '', 'Beslisnota X', '', 'Bijlage(n) 2', '1. Brief', '', 'Aanleiding', 'a.', '', 'Advies', 'b.');
    expect(memoOf(r).attachments).toEqual(['Brief']);
    expect(r.warnings.some((w) => w.includes('announces 2'))).toBe(true);
  });

  it('warns when a repeated side-bar disagrees with the first page', () => {
    const r = memo(
      'Aan de Minister van Defensie', '', 'Beslisnota X', '', 'Datum', '1 mei 2024', 'Kenmerk', 'ABC/1',
      '', 'Aanleiding', 'a.', '\f', 'Datum', '1 mei 2024', 'Kenmerk', 'ABC/2', 'Verder met de aanleiding.',
      '', 'Advies', 'b.',
    );
    const m = memoOf(r);
    expect(m.reference).toBe('ABC/1');
    expect(m.occasion).toBe('a.\n\nVerder met de aanleiding.');
    expect(r.warnings.some((w) => w.includes('ABC/2'))).toBe(true);
  });
});

describe('other head layouts', () => {
  it('reads "Nota aan", an Onderwerp box, a bare date line and a heading with its body after a colon', () => {
    const r = memo(
      'Nota aan de minister van Volksgezondheid, Welzijn en Sport',
      'Den Haag, 12 september 2022',
      '',
      'Onderwerp',
      'Reactie op motie Bikker over',
      'jeugdzorg',
      '',
      'Aanleiding: De Kamer vroeg om een reactie.',
      '',
      'Advies: Instemmen met de brief.',
      '',
      'Krachtenveld',
      'De brief is nog niet afgestemd met FIN.',
    );
    const m = memoOf(r);
    expect(m.addressee).toBe('De Minister van Volksgezondheid, Welzijn en Sport');
    expect(m.sender[0]).toMatchObject({ kind: 'MINISTRY', code: 'VWS' });
    expect(m.date).toBe('2022-09-12');
    expect(m.title).toBe('Reactie op motie Bikker over jeugdzorg');
    expect(m.occasion).toBe('De Kamer vroeg om een reactie.');
    expect(m.advisedDecision).toBe('Instemmen met de brief.');
    expect(m.politicalContext).toEqual([expect.objectContaining({ kind: 'MOTION', member: 'Bikker', party: 'ChristenUnie' })]);
    expect(m.consultedOrganizations).toEqual([]);
    expect(r.warnings.some((w) => w.includes('not coordinated'))).toBe(true);
  });

  it('does not take prose that starts with a label word for a side-bar', () => {
    const m = memoOf(
      memo(
        'Aan de Minister van Defensie', '', 'Beslisnota X', '', 'Datum', '1 mei 2024', '',
        'Aanleiding', 'a.', '', 'Advies', 'b.', '', 'Datum van inwerkingtreding: 1 januari 2025.',
      ),
    );
    expect(m.date).toBe('2024-05-01');
    expect(m.advisedDecision).toBe('b.\n\nDatum van inwerkingtreding: 1 januari 2025.');
  });

  it('keeps attachments listed again after the last section', () => {
    const m = memoOf(
      memo(
        'Aan de Minister van Defensie', '', 'Beslisnota X', '', 'Bijlage(n)', '1. Brief', '',
        'Aanleiding', 'a.', '', 'Advies', 'b.', '', 'Bijlagen', '1. Brief', '2. Kamerbrief over iets',
      ),
    );
    expect(m.attachments).toEqual(['Brief', 'Kamerbrief over iets']);
    expect(m.advisedDecision).toBe('b.');
  });
});

describe('headings', () => {
  it('accepts numbered unknown headings only when they continue the numbering', () => {
    const m = memoOf(
      memo(
        'Aan de Minister van Defensie', '', 'Beslisnota X', '',
        '1. Aanleiding', '', 'Tekst.', '',
        '2. Advies', '', 'Akkoord.', '',
        '3. Risicoanalyse', '', 'Er zijn risico’s:', '1. Eerste risico', '2. Tweede risico', '',
        '7. Willekeurig', '', 'Nog tekst.',
      ),
    );
    expect(m.sections.map((s) => [s.number, s.heading, s.kind])).toEqual([
      ['1', 'Aanleiding', 'OCCASION'],
      ['2', 'Advies', 'ADVISED_DECISION'],
      ['3', 'Risicoanalyse', 'OTHER'],
    ]);
    expect(m.sections[2]?.body).toContain('1. Eerste risico');
    expect(m.sections[2]?.body).toContain('7. Willekeurig');
  });

  it('warns about an unknown heading it accepted', () => {
    const r = memo('Aan de Minister van Defensie', '', 'Beslisnota X', '', '1. Aanleiding', '', 'a.', '', '2. Achtergrond', '', 'b.');
    expect(r.warnings.some((w) => w.includes('Unknown heading "2 Achtergrond"'))).toBe(true);
  });

  it('matches headings case-insensitively, joins wrapped ones, and marks sub-sections of the non-public part', () => {
    const m = memoOf(
      memo(
        'Aan de Staatssecretaris van Financiën', '', 'Beslisnota X', '',
        'AANLEIDING', 'a.', '',
        'Geadviseerd Besluit:', 'b.', '',
        'Informatie die niet openbaar gemaakt', 'wordt', '',
        'Toelichting', 'Namen van ambtenaren (5.1.2e) en passages over de betrekkingen met Marokko (art. 5.1 lid 2a).',
      ),
    );
    expect(m.sections.map((s) => [s.heading, s.kind])).toEqual([
      ['AANLEIDING', 'OCCASION'],
      ['Geadviseerd Besluit', 'ADVISED_DECISION'],
      ['Informatie die niet openbaar gemaakt wordt', 'NON_PUBLIC_INFORMATION'],
      ['Toelichting', 'NON_PUBLIC_INFORMATION'],
    ]);
    expect(m.redactions.map((r) => [r.ground, r.section])).toEqual([
      ['5.1.2e', 'Toelichting'],
      ['5.1.2a', 'Toelichting'],
    ]);
  });

  it('does not take a heading word inside a sentence for a heading', () => {
    const m = memoOf(memo('Aan de Minister van Defensie', '', 'Beslisnota X', '', 'Aanleiding', 'Het gaat om de', 'uitvoering', 'van de wet.', '', 'Advies', 'b.'));
    expect(m.sections.map((s) => s.heading)).toEqual(['Aanleiding', 'Advies']);
  });
});

describe('considerations', () => {
  it('parses Dutch numbers and amounts', () => {
    expect(parseDutchNumber('1.234,56')).toBe(1234.56);
    expect(parseDutchNumber('300.000')).toBe(300000);
    expect(parseDutchNumber('2,5')).toBe(2.5);
    expect(extractAmounts('Kosten: € 2,5 miljoen, EUR 300.000 en € 1,2 mld; verder 40 mln euro en €15.000,-.')).toEqual([
      2_500_000, 300_000, 1_200_000_000, 40_000_000, 15_000,
    ]);
  });

  it('sets budget impact from amounts or from "geen financiële gevolgen"', () => {
    expect(financialConsideration('De kosten van € 2,5 miljoen worden gedekt uit de begroting.')).toMatchObject({
      applicable: true,
      hasBudgetImpact: true,
      amounts: [2_500_000],
    });
    expect(financialConsideration('Er zijn geen financiële gevolgen.')).toMatchObject({ hasBudgetImpact: false });
    expect(financialConsideration('n.v.t.')).toMatchObject({ applicable: false, hasBudgetImpact: null });
    expect(financialConsideration('Zie de brief.')).toMatchObject({ applicable: true, hasBudgetImpact: null });
  });
});

describe('political context', () => {
  it('finds motions, commitments, questions, references and named debates', () => {
    const items = extractPoliticalContext(
      [
        'De motie van het lid Van der Plas (BBB) over de instroom (Kamerstuk 36 200 VI, nr. 12) vraagt om een brief.',
        'Ook de motie-Bikker speelt een rol.',
        'U heeft een toezegging gedaan aan het lid Omtzigt (TZ202412-116).',
        'Kamervragen van het lid Dijk (2022Z19120) zijn beantwoord.',
        'In het commissiedebat Vreemdelingen- en asielbeleid is dit besproken.',
        'Het beleid volgt uit het Hoofdlijnenakkoord.',
        'Zie ook Kamerstuk 28 362, nr. 56.',
      ].join('\n'),
    );
    expect(items.map((i) => [i.kind, i.member, i.party, i.title, i.parliamentaryReference])).toEqual([
      ['MOTION', 'Van der Plas', 'BBB', 'Motie Van der Plas', 'kst-36200-VI-12'],
      ['MOTION', 'Bikker', 'ChristenUnie', 'Motie Bikker', null],
      ['COMMITMENT', 'Omtzigt', 'NSC', 'Toezegging aan lid Omtzigt', 'TZ202412-116'],
      ['PARLIAMENTARY_QUESTION', 'Dijk', 'SP', 'Kamervragen van lid Dijk', '2022Z19120'],
      ['DEBATE', null, null, 'Commissiedebat Vreemdelingen- en asielbeleid', null],
      ['COALITION_AGREEMENT', null, null, 'Hoofdlijnenakkoord', null],
      ['OTHER', null, null, 'Kamerstuk kst-28362-56', 'kst-28362-56'],
    ]);
  });

  it('does not read "motie om de Kamer" or "een debat over" as items', () => {
    expect(extractPoliticalContext('Er ligt een motie om de Kamer te informeren. In het debat over de begroting kwam dit op.')).toEqual([]);
  });
});

describe('Woo stamps', () => {
  it('normalises the written-out forms', () => {
    const codes = (t: string, np = false) => findStamps(t, np).map((s) => s.code);
    expect(codes('onleesbaar gemaakt onder vermelding van: 5.1.2e.')).toEqual(['5.1.2e']);
    expect(codes('art. 5.1 lid 2e')).toEqual(['5.1.2e']);
    expect(codes('artikel 5.1, tweede lid, aanhef en\nonder i, van de Woo')).toEqual(['5.1.2i']);
    expect(codes('artikel 5.1, eerste lid, onder d')).toEqual(['5.1.1d']);
    expect(codes('artikel 5.1, vijfde lid')).toEqual(['5.1.5']);
    expect(codes('5.2.1: concept', true)).toEqual(['5.2']);
    expect(codes('zie paragraaf 5.2 hierboven', false)).toEqual([]);
    expect(codes('Wob 10.2.e')).toEqual(['5.1.2e']);
  });

  it('maps explanations to grounds', () => {
    const m = memoOf(
      memo(
        'Aan de Minister van Buitenlandse Zaken', '', 'Beslisnota X', '',
        '1. Aanleiding', '', 'a.', '', '2. Advies', '', 'b.', '',
        '3. Informatie die niet openbaar gemaakt kan worden', '',
        'Passages over de internationale betrekkingen zijn weggelakt. Ook persoonlijke beleidsopvattingen en concurrentiegevoelige bedrijfsgegevens.',
      ),
    );
    expect(m.redactions.map((r) => r.ground)).toEqual(['5.1.2a', '5.1.2f', '5.2']);
    expect(m.redactions.every((r) => r.section === '3')).toBe(true);
  });
});

describe('consultations', () => {
  it('resolves names and codes, and warns about unknown abbreviations', () => {
    const r = memo(
      'Aan de Minister van Sociale Zaken en Werkgelegenheid', '', 'Beslisnota X', '',
      'Aanleiding', 'De brief is in overleg met het ministerie van Buitenlandse Zaken opgesteld.', '',
      'Advies', 'Akkoord.', '',
      'Krachtenveld', 'Afgestemd met FIN, J&V en XYZW. De IND steunt het voorstel.',
    );
    const m = memoOf(r);
    expect(m.consultedOrganizations).toEqual(['BZ', 'FIN', 'JenV', 'IND']);
    expect(r.warnings).toContain('Consultation: J&V resolved to JenV (alias)');
    expect(r.warnings.some((w) => w.includes('"XYZW"'))).toBe(true);
  });
});

describe('countries', () => {
  it('matches whole words and demonyms, not Nederland, and not inside other words', () => {
    const m = memoOf(
      memo(
        'Aan de Minister van Buitenlandse Zaken', '', 'Beslisnota X', '',
        'Aanleiding', 'Nederland werkt samen met Turkije en Papoea-Nieuw-Guinea. Syriërs en Eritrese jongeren; de Turfmarkt; Marokkaans-Nederlandse jongeren.', '',
        'Advies', 'Akkoord.',
      ),
    );
    expect(m.countries).toEqual(['TR', 'PG', 'SY', 'ER', 'MA']);
  });
});

describe('dates', () => {
  it('reads Dutch dates', () => {
    expect(parseDutchDate('7 juni 2023')).toEqual({ kind: 'ok', iso: '2023-06-07' });
    expect(parseDutchDate('1 jan. 2024')).toEqual({ kind: 'ok', iso: '2024-01-01' });
    expect(parseDutchDate('Den Haag, 12 september 2022')).toEqual({ kind: 'ok', iso: '2022-09-12' });
    expect(parseDutchDate('29 februari 2023').kind).toBe('invalid');
    expect(parseDutchDate('29 februari 2024')).toEqual({ kind: 'ok', iso: '2024-02-29' });
    expect(parseDutchDate('7 juno 2023').kind).toBe('invalid');
    expect(parseDutchDate('geen datum').kind).toBe('none');
  });
});

describe('refusals', () => {
  it('refuses empty and whitespace-only text', () => {
    for (const t of ['', '   \n\f\t ']) {
      const r = parseMemoText(t);
      expect(r).toMatchObject({ ok: false, code: 'EMPTY_TEXT' });
    }
  });

  it('refuses prose without memo structure', () => {
    const r = parseMemoText('Dit is een gewone tekst.\nMet twee regels over asiel en Marokko.');
    expect(r).toMatchObject({ ok: false, code: 'NOT_A_MEMO' });
  });

  it('refuses a text with one heading word and nothing else memo-like', () => {
    expect(parseMemoText('Een verhaal.\n\nToelichting\n\nNog meer verhaal.').ok).toBe(false);
  });

  it('refuses an ordinary letter', () => {
    const r = parseMemoText('Geachte heer Jansen,\n\nHierbij stuur ik u de stukken.\n\nMet vriendelijke groet,\n\nDe directeur');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/letter/);
  });

  it('accepts a memo that quotes a salutation', () => {
    const r = memo(
      'Aan de Minister van Defensie', '', 'Beslisnota bij brief aan de VNG', 'TER BESLISSING', '',
      'Aanleiding', 'De VNG schreef: "Geachte minister, ..."', '', 'Geadviseerd besluit', 'Tekenen.', '', 'Kernpunten', '• Kort.',
      '', 'Met vriendelijke groet,',
    );
    expect(r.ok).toBe(true);
  });
});
