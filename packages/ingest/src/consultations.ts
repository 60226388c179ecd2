import { ORGANIZATIONS, resolveOrganizationWithAlias } from './organizations.js';
import { splitUnits } from './text-units.js';

// Who was consulted: every organisation in the Krachtenveld section, and elsewhere only those in a
// sentence that says the text was coordinated with them ("afgestemd met BZ", "is ambtelijk met
// ... BZK afgestemd"). Deliberately not a consultation: a formal test by another ministry
// ("De wetgevingstoets van J&V is ... afgerond") or a forum in which something was discussed
// ("in het regeldrukcoördinatorenoverleg (RCO) afgestemd"): the RCO is a meeting, not an
// organisation, so it is reported as an unknown abbreviation rather than invented as one.

const TRIGGER = /afgestemd|afstemming|geconsulteerd|consultatie\s+(?:met|bij)|in\s+overleg\s+met|overleg\s+gevoerd|is\s+overlegd|meegelezen|akkoord\s+van/i;

// Upper-case words that are not organisations (documents, parliament, units).
const NOT_ORGANISATIONS = new Set([
  'EU', 'TK', 'EK', 'NB', 'NVT', 'AVG', 'MKB', 'BNC', 'CSRD', 'CSDDD', 'NVW', 'AMVB', 'KB', 'OK', 'SOP', 'GMMP', 'LP', 'MOB', 'EUR', 'ICT', 'FTE', 'NL',
]);

const NEGATED = /\b(niet|nog niet|geen)\b[^.]{0,40}\b(afgestemd|afstemming|geconsulteerd)/i;

const ABBREVIATION = /(?<![\p{L}\p{N}&-])([A-Z][A-Za-z&]*[A-Z])(?![\p{L}\p{N}&-])/gu;

export interface ConsultationResult {
  codes: string[];
  warnings: string[];
}

// Full names and multi-word aliases, for "afgestemd met het ministerie van Buitenlandse Zaken".
const NAME_PATTERNS = ORGANIZATIONS.flatMap((org) =>
  [org.name, ...org.aliases]
    .filter((n) => n.includes(' '))
    .map((n) => ({
      re: new RegExp(`(?<![\\p{L}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')}(?![\\p{L}])`, 'giu'),
      name: n,
    })),
);

/**
 * `consultationRanges` are the offsets of Krachtenveld sections inside `body`; everything in them
 * counts, elsewhere only sentences that say something was coordinated.
 */
export function extractConsultations(body: string, consultationRanges: [number, number][]): ConsultationResult {
  const mentions: { start: number; token: string }[] = [];
  const negated: string[] = [];
  for (const unit of splitUnits(body)) {
    const inSection = consultationRanges.some(([s, e]) => unit.start >= s && unit.start < e);
    if (!inSection && !TRIGGER.test(unit.text)) continue;
    // "nog niet afgestemd met FIN" says the opposite; report it instead of listing FIN.
    if (NEGATED.test(unit.text)) {
      negated.push(unit.text);
      continue;
    }
    for (const m of unit.text.matchAll(ABBREVIATION)) {
      mentions.push({ start: unit.start + m.index, token: m[1] ?? '' });
    }
    for (const p of NAME_PATTERNS) {
      for (const m of unit.text.matchAll(p.re)) mentions.push({ start: unit.start + m.index, token: p.name });
    }
  }
  mentions.sort((a, b) => a.start - b.start);

  const codes: string[] = [];
  const warnings: string[] = negated.map(
    (t) => `Consultation: "${t.length > 120 ? `${t.slice(0, 117)}...` : t}" says something was not coordinated; nobody listed from it`,
  );
  const warned = new Set<string>();
  for (const { token } of mentions) {
    const resolved = resolveOrganizationWithAlias(token);
    if (resolved) {
      if (!codes.includes(resolved.org.code)) codes.push(resolved.org.code);
      if (resolved.viaAlias && token.toUpperCase() === token && !warned.has(token)) {
        warned.add(token);
        warnings.push(`Consultation: ${token} resolved to ${resolved.org.code} (alias)`);
      }
      continue;
    }
    // Mixed-case tokens ("NvW") are document abbreviations; only all-capital ones may be bodies.
    if (!/^[A-Z&]+$/.test(token) || NOT_ORGANISATIONS.has(token.toUpperCase())) continue;
    if (!warned.has(token)) {
      warned.add(token);
      warnings.push(`Consultation: unknown abbreviation "${token}" is not in the organisation register; not listed as consulted`);
    }
  }
  return { codes, warnings };
}
