import { describe, it, expect } from 'vitest';
import { COUNTRIES, detectCountries, findCountry } from './countries.js';
import { ORGANIZATIONS, organizationChain, resolveOrganization } from './organizations.js';
import { WOO_GROUNDS, findWooGround } from './woo-grounds.js';
import { TOPICS, detectTopics } from './topics.js';
import { partyOfMember } from './members.js';
import * as api from './index.js';

describe('countries', () => {
  it('lists all 249 ISO 3166-1 alpha-2 codes once, with Dutch names', () => {
    expect(COUNTRIES.length).toBe(249);
    expect(new Set(COUNTRIES.map((c) => c.code)).size).toBe(249);
    for (const c of COUNTRIES) expect(c.code).toMatch(/^[A-Z]{2}$/);
    expect(findCountry('ma')).toEqual({ code: 'MA', name: 'Marokko' });
    expect(findCountry('DE')?.name).toBe('Duitsland');
  });

  it('detects names and demonyms as whole words, longest first', () => {
    expect(detectCountries('Marokkanen, Marokkaanse en Marokko')).toEqual(['MA']);
    expect(detectCountries('Turken en Turkije; Bosnië en Herzegovina; Verenigde Staten')).toEqual(['TR', 'BA', 'US']);
    expect(detectCountries('Guinee-Bissau en Guinee')).toEqual(['GW', 'GN']);
    expect(detectCountries('Staten-Generaal, Turfmarkt, Malinese? Irakezen, Bahama\'s')).toEqual(['IQ', 'BS']);
    expect(detectCountries('Nederland en Nederlanders')).toEqual([]);
  });
});

describe('organisations', () => {
  it('has unique codes and parents that exist', () => {
    const codes = ORGANIZATIONS.map((o) => o.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const o of ORGANIZATIONS) if (o.parentCode) expect(codes).toContain(o.parentCode);
  });

  it('resolves codes, aliases and names case-insensitively', () => {
    expect(resolveOrganization('SWZ')?.code).toBe('SZW');
    expect(resolveOrganization('j&v')?.code).toBe('JenV');
    expect(resolveOrganization('JV')?.code).toBe('JenV');
    expect(resolveOrganization('Ministerie van Justitie en Veiligheid')?.code).toBe('JenV');
    expect(resolveOrganization('ministerie van buitenlandse zaken')?.code).toBe('BZ');
    expect(resolveOrganization('Minister van Economische Zaken')?.code).toBe('EZ');
    expect(resolveOrganization('Directoraat-generaal Bedrijfsleven & Innovatie')?.code).toBe('DGBI');
    expect(resolveOrganization('Bureau Internationale Migratie')?.code).toBe('DGM-BIM');
    expect(resolveOrganization('Directie Migratiebeleid')?.code).toBe('DMB');
    expect(resolveOrganization('DCOM')?.code).toBe('DCOM');
    expect(resolveOrganization('Nergens')).toBeNull();
    expect(resolveOrganization('')).toBeNull();
  });

  it('gives the chain up to the ministry', () => {
    expect(organizationChain('DGBI-O').map((o) => o.code)).toEqual(['EZ', 'DGBI', 'DGBI-O']);
    expect(organizationChain('DGM-BIM').map((o) => o.code)).toEqual(['JenV', 'DGM', 'DGM-BIM']);
  });

  it('knows every current ministry', () => {
    for (const c of ['AZ', 'BZ', 'BZK', 'DEF', 'EZ', 'FIN', 'IenW', 'JenV', 'KGG', 'LVVN', 'OCW', 'SZW', 'VRO', 'VWS']) {
      expect(resolveOrganization(c)?.kind).toBe('MINISTRY');
    }
  });
});

describe('Woo grounds', () => {
  it('covers every ground in DOMAIN.md with a legal text', () => {
    const codes = WOO_GROUNDS.map((g) => g.code);
    const expected = ['5.1.1a', '5.1.1b', '5.1.1c', '5.1.1d', '5.1.1e', ...'abcdefghi'.split('').map((l) => `5.1.2${l}`), '5.1.5', '5.2'];
    expect(codes).toEqual(expected);
    for (const g of WOO_GROUNDS) expect(g.legalText).toMatch(/^Artikel 5\.[12]/);
  });

  it('finds grounds by stamp spelling', () => {
    expect(findWooGround('5.1.2e')?.legalText).toContain('persoonlijke levenssfeer');
    expect(findWooGround('5.1.2.E')?.code).toBe('5.1.2e');
    expect(findWooGround('5.2.1')?.code).toBe('5.2');
    expect(findWooGround('5.1.3')).toBeNull();
  });
});

describe('topics and members', () => {
  it('has unique topic codes including the required ones', () => {
    const codes = TOPICS.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of ['asylum', 'return', 'detention', 'migration', 'regulatory_burden', 'legislation']) expect(codes).toContain(c);
  });

  it('needs a prominent mention or two mentions, and ignores look-alike words', () => {
    expect(detectTopics('onderwijs', '')).not.toContain('education');
    expect(detectTopics('Een belangrijk vertrekpunt. Nog een vertrekpunt.', '')).not.toContain('return');
    expect(detectTopics('vreemdelingenbewaring en bewaring', '')).toContain('detention');
    expect(detectTopics('', 'Wetsvoorstel')).toContain('legislation');
  });

  it('knows parties of members', () => {
    expect(partyOfMember('Ceder')).toBe('ChristenUnie');
    expect(partyOfMember('piri')).toBe('PvdA');
    expect(partyOfMember('van der plas')).toBe('BBB');
    expect(partyOfMember('Onbekend')).toBeNull();
  });
});

describe('public surface', () => {
  it('exports the parsers and registers', () => {
    for (const name of ['parseMemoText', 'parseStatisticsCsv', 'resolveOrganization', 'findWooGround', 'ORGANIZATIONS', 'WOO_GROUNDS', 'COUNTRIES', 'TOPICS']) {
      expect(api).toHaveProperty(name);
    }
  });
});
