import type { WooGround } from './types.js';

// Codes follow the stamps printed on published documents ("5.1.2e"): article, paragraph (lid),
// then the letter of the sub-paragraph. Article 5.2 is one ground for our purposes: stamps
// "5.2.1" (first paragraph, the usual one) normalise to "5.2".
export const WOO_GROUNDS: WooGround[] = [
  { code: '5.1.1a', legalText: 'Artikel 5.1, eerste lid, onder a, Woo: de eenheid van de Kroon in gevaar kan brengen', description: 'Unity of the Crown (absolute ground)' },
  { code: '5.1.1b', legalText: 'Artikel 5.1, eerste lid, onder b, Woo: de veiligheid van de Staat kan schaden', description: 'State security (absolute ground)' },
  { code: '5.1.1c', legalText: 'Artikel 5.1, eerste lid, onder c, Woo: bedrijfs- en fabricagegegevens die vertrouwelijk aan de overheid zijn meegedeeld', description: 'Business and manufacturing data given in confidence (absolute ground)' },
  { code: '5.1.1d', legalText: 'Artikel 5.1, eerste lid, onder d, Woo: bijzondere persoonsgegevens als bedoeld in paragraaf 3.1 van de AVG', description: 'Special categories of personal data (absolute ground)' },
  { code: '5.1.1e', legalText: 'Artikel 5.1, eerste lid, onder e, Woo: nummers die dienen ter identificatie van personen', description: 'National identification numbers (absolute ground)' },
  { code: '5.1.2a', legalText: 'Artikel 5.1, tweede lid, onder a, Woo: de betrekkingen van Nederland met andere landen en staten en met internationale organisaties', description: 'International relations' },
  { code: '5.1.2b', legalText: 'Artikel 5.1, tweede lid, onder b, Woo: de economische of financiële belangen van de Staat, andere publiekrechtelijke lichamen of bestuursorganen', description: 'Economic or financial interests of the State' },
  { code: '5.1.2c', legalText: 'Artikel 5.1, tweede lid, onder c, Woo: de opsporing en vervolging van strafbare feiten', description: 'Investigation and prosecution of criminal offences' },
  { code: '5.1.2d', legalText: 'Artikel 5.1, tweede lid, onder d, Woo: de inspectie, controle en toezicht door bestuursorganen', description: 'Inspection, control and supervision' },
  { code: '5.1.2e', legalText: 'Artikel 5.1, tweede lid, onder e, Woo: de eerbiediging van de persoonlijke levenssfeer', description: 'Respect for personal privacy' },
  { code: '5.1.2f', legalText: 'Artikel 5.1, tweede lid, onder f, Woo: de bescherming van andere dan in het eerste lid, onderdeel c, genoemde concurrentiegevoelige bedrijfs- en fabricagegegevens', description: 'Competitively sensitive business data' },
  { code: '5.1.2g', legalText: 'Artikel 5.1, tweede lid, onder g, Woo: de bescherming van het milieu waarop deze informatie betrekking heeft', description: 'Protection of the environment' },
  { code: '5.1.2h', legalText: 'Artikel 5.1, tweede lid, onder h, Woo: de beveiliging van personen en bedrijven en het voorkomen van sabotage', description: 'Security of persons and companies' },
  { code: '5.1.2i', legalText: 'Artikel 5.1, tweede lid, onder i, Woo: het goed functioneren van de Staat, andere publiekrechtelijke lichamen of bestuursorganen', description: 'Proper functioning of the State' },
  { code: '5.1.5', legalText: 'Artikel 5.1, vijfde lid, Woo: onevenredige benadeling van een ander belang dan genoemd in het eerste of tweede lid', description: 'Disproportionate harm (exceptional cases)' },
  { code: '5.2', legalText: 'Artikel 5.2 Woo: persoonlijke beleidsopvattingen in documenten opgesteld ten behoeve van intern beraad', description: 'Personal policy opinions in documents for internal deliberation' },
];

const BY_CODE = new Map(WOO_GROUNDS.map((g) => [g.code, g]));

/** The ground for a code; accepts the stamp spellings "5.1.2.e", "5.1.2 e" and "5.2.1". */
export function findWooGround(code: string): WooGround | null {
  const normalised = normaliseWooCode(code);
  return normalised ? (BY_CODE.get(normalised) ?? null) : null;
}

/** "5.1.2.e" / "5.1.2 e" / "5.1.2E" → "5.1.2e"; "5.2.1" / "5.2.2" → "5.2"; unknown → null. */
export function normaliseWooCode(code: string): string | null {
  const c = code.trim().toLowerCase().replace(/\s+/g, '');
  const m = /^5\.1\.([12])\.?([a-i])$/.exec(c);
  if (m) return `5.1.${m[1]}${m[2]}`;
  if (/^5\.1\.5$/.test(c)) return '5.1.5';
  if (/^5\.2(\.\d)?$/.test(c)) return '5.2';
  return null;
}
