import type { OrganizationKind, RegisteredOrganization } from './types.js';

// The one place where organisation codes live. Memos abbreviate freely ("SWZ", "J&V", "MBZK"),
// so every spelling we have seen in the wild is an alias here rather than a special case in a
// parser. Portfolios of ministers without their own ministry ("Asiel en Migratie",
// "Rechtsbescherming") are aliases of the ministry that houses them, so an addressee such as
// "De Minister van Asiel en Migratie" still yields the right sender ministry.
export const ORGANIZATIONS: RegisteredOrganization[] = [
  // Ministries (cabinet-Schoof layout, 2024; older names are aliases).
  { code: 'AZ', name: 'Ministerie van Algemene Zaken', kind: 'MINISTRY', parentCode: null, aliases: ['Algemene Zaken', 'Minister-President'] },
  { code: 'BZ', name: 'Ministerie van Buitenlandse Zaken', kind: 'MINISTRY', parentCode: null, aliases: ['Buitenlandse Zaken', 'BuZa', 'MinBuZa', 'Buitenlandse Handel en Ontwikkelingshulp', 'Buitenlandse Handel en Ontwikkelingssamenwerking', 'BHO', 'BHOS'] },
  { code: 'BZK', name: 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties', kind: 'MINISTRY', parentCode: null, aliases: ['Binnenlandse Zaken en Koninkrijksrelaties', 'Binnenlandse Zaken', 'MBZK', 'MinBZK'] },
  { code: 'DEF', name: 'Ministerie van Defensie', kind: 'MINISTRY', parentCode: null, aliases: ['Defensie', 'MinDef'] },
  // EZ and KGG were split off the former EZK in 2024; "EZK" in older memos points at EZ, whose
  // business-policy tasks (and DGBI) stayed there.
  { code: 'EZ', name: 'Ministerie van Economische Zaken', kind: 'MINISTRY', parentCode: null, aliases: ['Economische Zaken', 'EZK', 'Economische Zaken en Klimaat', 'MEZ'] },
  { code: 'FIN', name: 'Ministerie van Financiën', kind: 'MINISTRY', parentCode: null, aliases: ['Financiën', 'Financien', 'MinFin', 'Toeslagen en Douane', 'Fiscaliteit, Belastingdienst en Douane'] },
  { code: 'IenW', name: 'Ministerie van Infrastructuur en Waterstaat', kind: 'MINISTRY', parentCode: null, aliases: ['Infrastructuur en Waterstaat', 'I&W', 'IenM', 'I&M', 'MinIenW'] },
  { code: 'JenV', name: 'Ministerie van Justitie en Veiligheid', kind: 'MINISTRY', parentCode: null, aliases: ['Justitie en Veiligheid', 'J&V', 'JV', 'JenV', 'MinJenV', 'VenJ', 'V&J', 'Rechtsbescherming', 'Asiel en Migratie', 'AenM', 'A&M'] },
  { code: 'KGG', name: 'Ministerie van Klimaat en Groene Groei', kind: 'MINISTRY', parentCode: null, aliases: ['Klimaat en Groene Groei'] },
  { code: 'LVVN', name: 'Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur', kind: 'MINISTRY', parentCode: null, aliases: ['Landbouw, Visserij, Voedselzekerheid en Natuur', 'LNV', 'Landbouw, Natuur en Voedselkwaliteit'] },
  { code: 'OCW', name: 'Ministerie van Onderwijs, Cultuur en Wetenschap', kind: 'MINISTRY', parentCode: null, aliases: ['Onderwijs, Cultuur en Wetenschap', 'OCenW', 'Primair en Voortgezet Onderwijs', 'Funderend Onderwijs en Emancipatie'] },
  { code: 'SZW', name: 'Ministerie van Sociale Zaken en Werkgelegenheid', kind: 'MINISTRY', parentCode: null, aliases: ['Sociale Zaken en Werkgelegenheid', 'SWZ', 'Armoedebeleid, Participatie en Pensioenen'] },
  { code: 'VRO', name: 'Ministerie van Volkshuisvesting en Ruimtelijke Ordening', kind: 'MINISTRY', parentCode: null, aliases: ['Volkshuisvesting en Ruimtelijke Ordening'] },
  { code: 'VWS', name: 'Ministerie van Volksgezondheid, Welzijn en Sport', kind: 'MINISTRY', parentCode: null, aliases: ['Volksgezondheid, Welzijn en Sport', 'Langdurige Zorg, Jeugd en Sport', 'Jeugd, Preventie en Sport'] },

  // Justice and Security: migration.
  { code: 'DGM', name: 'Directoraat-Generaal Migratie', kind: 'DIRECTORATE_GENERAL', parentCode: 'JenV', aliases: ['DG Migratie', 'DG-M'] },
  { code: 'DMB', name: 'Directie Migratiebeleid', kind: 'DIRECTORATE', parentCode: 'DGM', aliases: [] },
  // The bureau has no official abbreviation in the memos we have; "DGM-BIM" keeps the parent in
  // the code (like "DGBI-O") so it cannot collide with another ministry's BIM.
  { code: 'DGM-BIM', name: 'Bureau Internationale Migratie', kind: 'BUREAU', parentCode: 'DGM', aliases: ['BIM'] },
  { code: 'DCOM', name: 'Directie Communicatie', kind: 'DIRECTORATE', parentCode: 'JenV', aliases: ['DCom'] },
  { code: 'IND', name: 'Immigratie- en Naturalisatiedienst', kind: 'AGENCY', parentCode: 'JenV', aliases: [] },
  { code: 'DTenV', name: 'Dienst Terugkeer en Vertrek', kind: 'AGENCY', parentCode: 'JenV', aliases: ['DT&V', 'DTV'] },
  { code: 'COA', name: 'Centraal Orgaan opvang asielzoekers', kind: 'AGENCY', parentCode: 'JenV', aliases: [] },

  // Economic Affairs.
  { code: 'DGBI', name: 'Directoraat-generaal Bedrijfsleven en Innovatie', kind: 'DIRECTORATE_GENERAL', parentCode: 'EZ', aliases: ['Directoraat-generaal Bedrijfsleven & Innovatie', 'DG Bedrijfsleven en Innovatie', 'DG Bedrijfsleven & Innovatie'] },
  { code: 'DGBI-O', name: 'Directie Ondernemerschap', kind: 'DIRECTORATE', parentCode: 'DGBI', aliases: [] },
  // ATR is an independent advisory board under EZ's responsibility; memos both consult and
  // discuss it, so it has to be resolvable.
  { code: 'ATR', name: 'Adviescollege Toetsing Regeldruk', kind: 'AGENCY', parentCode: 'EZ', aliases: [] },

  // Infrastructure and Water Management (seen in the control letter).
  { code: 'DGMo', name: 'Directoraat-Generaal Mobiliteit', kind: 'DIRECTORATE_GENERAL', parentCode: 'IenW', aliases: ['DG Mobiliteit'] },
];

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\*\*/g, '')
    .replace(/&/g, ' en ')
    .replace(/[-\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

const BY_KEY = new Map<string, RegisteredOrganization>();
const BY_CODE = new Map<string, RegisteredOrganization>();
for (const org of ORGANIZATIONS) {
  BY_CODE.set(org.code.toLowerCase(), org);
}
for (const org of ORGANIZATIONS) {
  for (const key of [org.code, org.name, ...org.aliases]) {
    const k = fold(key);
    // First entry wins so a ministry keeps a short alias ("Migratie") that a DG also contains.
    if (!BY_KEY.has(k)) BY_KEY.set(k, org);
  }
}

/**
 * Finds an organisation by code, alias or name, case-insensitively; "Ministerie van X",
 * "ministerie van X" and "X" are the same ministry, "&" and "en" are the same word.
 */
export function resolveOrganization(nameOrCode: string): RegisteredOrganization | null {
  const trimmed = nameOrCode.trim();
  if (trimmed === '') return null;
  const byCode = BY_CODE.get(trimmed.toLowerCase());
  if (byCode) return byCode;
  const k = fold(trimmed);
  const direct = BY_KEY.get(k);
  if (direct) return direct;
  const withoutMinistry = k.replace(/^(het |de )?(ministerie|minister|staatssecretaris) (van|voor) /, '');
  if (withoutMinistry !== k) {
    const m = BY_KEY.get(withoutMinistry);
    if (m && m.kind === 'MINISTRY') return m;
  }
  return null;
}

/** How an alias was used, so callers can warn when a non-canonical spelling was resolved. */
export function resolveOrganizationWithAlias(
  nameOrCode: string,
): { org: RegisteredOrganization; viaAlias: boolean } | null {
  const org = resolveOrganization(nameOrCode);
  if (!org) return null;
  const t = nameOrCode.trim();
  const canonical = t === org.code || fold(t) === fold(org.name);
  return { org, viaAlias: !canonical };
}

/** The register entry and its ancestors, ministry first. */
export function organizationChain(code: string): RegisteredOrganization[] {
  const chain: RegisteredOrganization[] = [];
  let current = BY_CODE.get(code.toLowerCase()) ?? null;
  // Bounded in case someone introduces a cycle in the register.
  for (let i = 0; current && i < 10; i++) {
    chain.unshift(current);
    current = current.parentCode ? (BY_CODE.get(current.parentCode.toLowerCase()) ?? null) : null;
  }
  return chain;
}

/** The kind an organisation name announces by its first word ("Directie ...", "Bureau ..."). */
export function organizationKindFromName(name: string): OrganizationKind | null {
  const n = name.trim();
  if (/^ministerie\b/i.test(n)) return 'MINISTRY';
  if (/^(directoraat[- ]generaal|DG\b)/i.test(n)) return 'DIRECTORATE_GENERAL';
  if (/^(directie|hoofddirectie|programmadirectie|programma-directie)\b/i.test(n)) return 'DIRECTORATE';
  // An afdeling sits at the level of a bureau (below a directie), so it shares the kind.
  if (/^(bureau|afdeling|team)\b/i.test(n)) return 'BUREAU';
  if (/^(dienst|inspectie|rijksdienst|agentschap)\b/i.test(n) || /dienst$/i.test(n)) return 'AGENCY';
  if (/^(secretariaat[- ]generaal|cluster|staf)\b/i.test(n)) return 'OTHER';
  return null;
}
