// Topic register. A keyword is a word *start* ("asiel" matches "asielinstroom" but not
// "kinderasiel"-like compounds where the stem is inside), because Dutch compounds put the
// qualifier first; compounds with the stem inside are listed explicitly ("vreemdelingenbewaring").
// Weak keywords are common words that only count together with a strong one ("instroom" means
// asylum inflow in a migration memo but student inflow in an education memo).
export interface Topic {
  code: string;
  label: string;
  keywords: string[];
  weakKeywords?: string[];
  /** Words that start with a keyword but mean something else ("vertrekpunt"). */
  exclude?: string[];
}

export const TOPICS: Topic[] = [
  { code: 'asylum', label: 'Asiel', keywords: ['asiel', 'asielzoeker', 'vluchteling', 'statushouder', 'nareiziger'], weakKeywords: ['instroom'] },
  { code: 'return', label: 'Terugkeer en vertrek', keywords: ['terugkeer', 'vertrek', 'uitzetting', 'gedwongen vertrek', 'zelfstandig vertrek'], exclude: ['vertrekpunt'] },
  { code: 'detention', label: 'Vreemdelingenbewaring', keywords: ['bewaring', 'vreemdelingenbewaring', 'in bewaringstelling', 'inbewaringstelling', 'detentie'] },
  { code: 'migration', label: 'Migratie', keywords: ['migratie', 'migrant', 'immigratie', 'arbeidsmigratie', 'vreemdeling'] },
  { code: 'reception', label: 'Opvang', keywords: ['opvang', 'asielopvang', 'opvanglocatie', 'noodopvang'] },
  { code: 'integration', label: 'Integratie en inburgering', keywords: ['inburgering', 'integratie'] },
  { code: 'regulatory_burden', label: 'Regeldruk', keywords: ['regeldruk', 'administratieve lasten', 'nalevingskosten', 'mkb-toets'] },
  { code: 'legislation', label: 'Wetgeving', keywords: ['wetsvoorstel', 'nota van wijziging', 'wetgeving', 'wetswijziging', 'algemene maatregel van bestuur', 'amvb', 'instellingswet'], weakKeywords: ['regelgeving'] },
  { code: 'international_cooperation', label: 'Internationale samenwerking', keywords: ['internationale samenwerking', 'bilaterale', 'migratiesamenwerking', 'migratiepartnerschap'] },
  { code: 'transparency', label: 'Openbaarheid', keywords: ['woo-verzoek', 'wet open overheid', 'openbaarmaking'] },
  { code: 'budget', label: 'Begroting en financiën', keywords: ['begroting', 'rijksbegroting', 'voorjaarsnota', 'suppletoire'], exclude: ['begrotingsneutraal'] },
  { code: 'nitrogen', label: 'Stikstof', keywords: ['stikstof'] },
  { code: 'housing', label: 'Wonen', keywords: ['woningbouw', 'huisvesting', 'woningmarkt'] },
];

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function countHits(lowerText: string, words: string[], exclude: string[]): number {
  let hits = 0;
  for (const w of words) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(w.toLowerCase())}[\\p{L}-]*`, 'gu');
    for (const m of lowerText.matchAll(re)) {
      if (exclude.some((x) => m[0].startsWith(x))) continue;
      hits++;
    }
  }
  return hits;
}

/**
 * Topic codes for a memo. `prominent` is the text a reader sees first (title, occasion, advised
 * decision): one mention there is enough; elsewhere a topic needs two, so a passing mention in a
 * list ("onderwijs") does not make it a topic.
 */
export function detectTopics(body: string, prominent: string): string[] {
  const lowerBody = body.toLowerCase();
  const lowerProminent = prominent.toLowerCase();
  const result: string[] = [];
  for (const topic of TOPICS) {
    const exclude = topic.exclude ?? [];
    const strong = countHits(lowerBody, topic.keywords, exclude);
    const weak = countHits(lowerBody, topic.weakKeywords ?? [], exclude);
    const inProminent =
      countHits(lowerProminent, topic.keywords, exclude) > 0 ||
      (strong > 0 && countHits(lowerProminent, topic.weakKeywords ?? [], exclude) > 0);
    const score = strong + (strong > 0 ? 0.5 * weak : 0);
    if (score >= 1.5 || inProminent) result.push(topic.code);
  }
  return result;
}
