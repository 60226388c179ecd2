import type { ParsedRedaction } from './types.js';
import { normaliseWooCode } from './woo-grounds.js';
import { splitUnits } from './text-units.js';

// Redactions come from two places: the explanation in the non-public section ("ter bescherming
// van de persoonlijke levenssfeer" → 5.1.2e), and stamps printed where text was removed
// ("5.1.2e", "art. 5.1 lid 2e", "artikel 5.1, tweede lid, aanhef en onder e").

const EXPLANATIONS: [RegExp, string][] = [
  [/eenheid van (de )?kroon/i, '5.1.1a'],
  [/veiligheid van de staat|staatsveiligheid|nationale veiligheid/i, '5.1.1b'],
  [/vertrouwelijk (aan de overheid )?(zijn )?meegedeeld/i, '5.1.1c'],
  [/bijzondere persoonsgegevens/i, '5.1.1d'],
  [/identificatienummers?|burgerservicenummer|\bbsn\b/i, '5.1.1e'],
  [/internationale betrekkingen|betrekkingen van nederland met andere (landen|staten)/i, '5.1.2a'],
  [/economische of financi[eë]le belangen van de staat|financi[eë]le belangen van de staat/i, '5.1.2b'],
  [/opsporing|vervolging van strafbare feiten/i, '5.1.2c'],
  [/inspectie, controle en toezicht|controle en toezicht door bestuursorganen/i, '5.1.2d'],
  // "bijzondere persoonsgegevens" is 5.1.1d; plain "persoonsgegevens" is the privacy ground.
  [/(?<!bijzondere )persoonsgegevens|persoonlijke levenssfeer/i, '5.1.2e'],
  [/concurrentiegevoelig|bedrijfs- en fabricagegegevens/i, '5.1.2f'],
  [/bescherming van het milieu/i, '5.1.2g'],
  [/beveiliging van personen|veiligheid van personen|voorkomen van sabotage/i, '5.1.2h'],
  [/goed functioneren van de staat|eenheid van (het )?kabinetsbeleid/i, '5.1.2i'],
  [/persoonlijke beleidsopvattingen|intern beraad/i, '5.2'],
  [/onevenredige benadeling|onevenredig benadeeld/i, '5.1.5'],
];

const LETTER_BY_ORDINAL: Record<string, string> = { eerste: '1', tweede: '2', vijfde: '5' };

interface Stamp {
  code: string;
  at: number;
}

/** Stamps in the text, normalised to register codes ("art. 5.1 lid 2e" → "5.1.2e"). */
export function findStamps(text: string, withinNonPublicSection: boolean): Stamp[] {
  const stamps: Stamp[] = [];
  const push = (raw: string, at: number) => {
    const code = normaliseWooCode(raw);
    if (code) stamps.push({ code, at });
  };
  // Compact stamps with a letter are unambiguous anywhere: "5.1.2e", "5.1.2.e", "5.1.1 d".
  for (const m of text.matchAll(/(?<![\d.])5\.1\.([12])\.?\s?([a-i])(?![\p{L}\d])/gu)) push(`5.1.${m[1]}${m[2]}`, m.index);
  // Written out: "art. 5.1 lid 2e", "artikel 5.1, tweede lid, aanhef en onder e", "5.1, lid 2, sub e".
  const article =
    /\b(?:art(?:ikel|\.)?\s*)?5\.1\s*,?\s*(?:lid\s*(\d)\s*,?\s*(?:(?:aanhef\s+en\s+)?(?:onder|sub|onderdeel)\s*)?([a-i])?|(eerste|tweede|vijfde)\s+lid\s*,?\s*(?:(?:aanhef\s+en\s+)?(?:onder|sub|onderdeel)\s+([a-i]))?)(?![\p{L}\d])/giu;
  for (const m of text.matchAll(article)) {
    const lid = m[1] ?? LETTER_BY_ORDINAL[(m[3] ?? '').toLowerCase()] ?? '';
    const letter = (m[2] ?? m[4] ?? '').toLowerCase();
    if (lid === '5') push('5.1.5', m.index);
    else if ((lid === '1' || lid === '2') && letter) push(`5.1.${lid}${letter}`, m.index);
  }
  for (const m of text.matchAll(/\bart(?:ikel|\.)\s*5\.2\b/gi)) push('5.2', m.index);
  // Bare "5.1.5", "5.2.1", "5.2" look like section numbers elsewhere; only trust them where the
  // memo explains what it withholds.
  if (withinNonPublicSection) {
    for (const m of text.matchAll(/(?<![\d.])(5\.1\.5|5\.2(?:\.[12])?)(?![\d.]*\d)/g)) push(m[1] ?? '', m.index);
  }
  // Old Wob stamps on documents published before the Woo (1 May 2022): map to the Woo ground.
  for (const m of text.matchAll(/(?<![\d.])10\.2\.?\s?([a-g])(?![\p{L}\d])/gu)) {
    const wob: Record<string, string> = { a: '5.1.2a', b: '5.1.2b', c: '5.1.2c', d: '5.1.2d', e: '5.1.2e', f: '5.1.2h', g: '5.1.5' };
    const code = wob[(m[1] ?? '').toLowerCase()];
    if (code) stamps.push({ code, at: m.index });
  }
  return stamps.sort((a, b) => a.at - b.at);
}

export interface RedactionSource {
  /** Section number, or heading when unnumbered. */
  section: string | null;
  body: string;
  nonPublic: boolean;
}

export function extractRedactions(sources: RedactionSource[]): ParsedRedaction[] {
  const result: ParsedRedaction[] = [];
  const seen = new Set<string>();
  const add = (ground: string, explanation: string, section: string | null) => {
    const key = `${ground}|${section ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    result.push({ ground, explanation, section });
  };
  for (const src of sources) {
    const units = splitUnits(src.body);
    if (src.nonPublic) {
      for (const u of units) {
        for (const [re, ground] of EXPLANATIONS) if (re.test(u.text)) add(ground, u.text, src.section);
      }
    }
    for (const stamp of findStamps(src.body, src.nonPublic)) {
      const unit = units.find((u) => stamp.at >= u.start && stamp.at < u.end);
      add(stamp.code, unit?.text ?? stamp.code, src.section);
    }
  }
  return result;
}
