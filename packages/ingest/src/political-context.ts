import type { ParsedPoliticalContextItem, PoliticalContextKind } from './types.js';
import type { TextUnit } from './text-units.js';
import { partyOfMember } from './members.js';
import { splitUnits, unitAt } from './text-units.js';

// What a memo answers to: motions, commitments, questions, named debates and the coalition
// agreement. Found anywhere in the body, deduplicated (a motion named in the Aanleiding and again
// in "Politieke context" is one item), in order of first mention.

const PREFIX = "(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|[Ii]n 't|[Ee]l|[Aa]l|[Ll]e|[Ll]a|[Dd]u|[Dd]a|[Dd]os)\\s+){0,3}";
const SURNAME = "\\p{Lu}[\\p{Ll}\\p{M}'’]+(?:-\\p{Lu}[\\p{Ll}\\p{M}'’]+)*";
const NAME = `(${PREFIX}${SURNAME})`;
const PARTY = '(?:\\s*\\(([^()\\n]{2,25})\\))?';

// Words that follow "motie"/"lid" but are not members.
const NOT_A_NAME = new Set([
  'kamer', 'tweede', 'eerste', 'regering', 'minister', 'staatssecretaris', 'kabinet', 'raad', 'staten',
  'commissie', 'zie', 'de', 'het', 'een', 'over', 'nr', 'kamerstuk', 'kamerstukken', 'van',
]);

interface Pattern {
  kind: PoliticalContextKind;
  re: RegExp;
  title: (member: string) => string;
}

const PATTERNS: Pattern[] = [
  {
    kind: 'MOTION',
    re: new RegExp(`\\b[Mm]otie(?:-|\\s+(?:van\\s+(?:het\\s+)?(?:lid|leden)\\s+)?)${NAME}${PARTY}`, 'gu'),
    title: (m) => `Motie ${m}`,
  },
  {
    kind: 'COMMITMENT',
    re: new RegExp(`\\b[Tt]oezegging(?:en)?\\s+(?:gedaan\\s+)?aan\\s+(?:het\\s+)?(?:lid|leden|Kamerlid)\\s+${NAME}${PARTY}`, 'gu'),
    title: (m) => `Toezegging aan lid ${m}`,
  },
  {
    kind: 'PARLIAMENTARY_QUESTION',
    re: new RegExp(`\\b[Mm]ondelinge\\s+vra(?:ag|gen)\\s+van\\s+(?:het\\s+)?(?:lid|leden|Kamerlid)\\s+${NAME}${PARTY}`, 'gu'),
    title: (m) => `Mondelinge vraag van lid ${m}`,
  },
  {
    kind: 'PARLIAMENTARY_QUESTION',
    re: new RegExp(`\\b(?:[Ss]chriftelijke\\s+)?(?:Kamer)?[Vv]ragen\\s+van\\s+(?:het\\s+)?(?:lid|leden|Kamerlid)\\s+${NAME}${PARTY}`, 'gu'),
    title: (m) => `Kamervragen van lid ${m}`,
  },
];

// Named debates only: "in het debat over ..." is usually about something already listed (the
// J&V memo's "debat over mondelinge vraag van lid Piri" is the question, not a new item).
const DEBATE = /\b(commissiedebat|tweeminutendebat|dertigledendebat|plenaire debat|plenair debat|notaoverleg|wetgevingsoverleg|interpellatiedebat)\s+(?:over\s+)?(?:het\s+|de\s+)?(\p{Lu}[^.,;:()\n]{2,60})/gu;

// The coalition agreement and the cabinet's own programme. The Schoof cabinet's
// "Regeerprogramma" elaborates its coalition agreement ("Hoofdlijnenakkoord") and memos cite it in
// the same way, so it is classified as COALITION_AGREEMENT under its own title.
const AGREEMENTS: [RegExp, string][] = [
  [/\b[Cc]oalitieakkoord\b/g, 'Coalitieakkoord'],
  [/\b[Hh]oofdlijnenakkoord\b/g, 'Hoofdlijnenakkoord'],
  [/\b[Rr]egeerakkoord\b/g, 'Regeerakkoord'],
  [/\b[Rr]egeerprogramma\b/g, 'Regeerprogramma'],
];

interface Ref {
  id: string;
  start: number;
  kind: PoliticalContextKind;
}

function findReferences(text: string): Ref[] {
  const refs: Ref[] = [];
  for (const m of text.matchAll(/\bkst-(\d{4,6})(?:-([A-Z]{1,5}))?-(\d{1,4})\b/g)) {
    refs.push({ id: m[0], start: m.index, kind: 'OTHER' });
  }
  const kamerstuk =
    /\bKamerstuk(?:ken)?(?:\s+(?:II|I))?(?:\s+\d{4}\/\d{2,4})?,?\s+(\d{2}\s?\d{3})(?:[\s,-]+([IVXLC]{1,5}|[A-Z](?![a-z])))?,?\s+nr\.?\s*(\d{1,4})/g;
  for (const m of text.matchAll(kamerstuk)) {
    const dossier = (m[1] ?? '').replace(/\s/g, '');
    const sub = m[2] ? `-${m[2]}` : '';
    refs.push({ id: `kst-${dossier}${sub}-${m[3]}`, start: m.index, kind: 'OTHER' });
  }
  for (const m of text.matchAll(/\bTZ\d{6}-\d{1,4}\b/g)) refs.push({ id: m[0], start: m.index, kind: 'COMMITMENT' });
  for (const m of text.matchAll(/\b(?:19|20)\d{2}Z\d{5}\b/g)) {
    refs.push({ id: m[0], start: m.index, kind: 'PARLIAMENTARY_QUESTION' });
  }
  return refs.sort((a, b) => a.start - b.start);
}

interface Found extends ParsedPoliticalContextItem {
  start: number;
  unit: TextUnit | null;
}

function cleanName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

export function extractPoliticalContext(text: string): ParsedPoliticalContextItem[] {
  const units = splitUnits(text);
  const found: Found[] = [];

  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (const m of text.matchAll(p.re)) {
      const member = cleanName(m[1] ?? '');
      const lastWord = member.split(' ').pop() ?? '';
      if (member === '' || NOT_A_NAME.has(lastWord.toLowerCase())) continue;
      const printedParty = m[2]?.trim() ?? null;
      const unit = unitAt(units, m.index);
      found.push({
        kind: p.kind,
        member,
        // A parenthesis after the name is the party unless it is an id ("(TZ202412-116)").
        party:
          printedParty && /^[\p{L}\d -]+$/u.test(printedParty) && !/\d{3}/.test(printedParty)
            ? printedParty
            : partyOfMember(member),
        title: p.title(member),
        parliamentaryReference: null,
        description: unit?.text ?? null,
        start: m.index,
        unit,
      });
    }
  }
  for (const m of text.matchAll(DEBATE)) {
    // The name runs until the sentence goes on ("... asielbeleid is dit besproken").
    const name = (m[2] ?? '')
      .split(/\s+(?=(?:is|zijn|werd|wordt|werden|heeft|hebben|had|kwam|kwamen|dat|die|waarin|waar|op|om|met|van \d|d\.d\.)\b)/)[0]!
      .trim();
    // A debate about an oral question or a motion is that item, not a separate one.
    if (/^(mondelinge|motie|vraag|vragen)/i.test(name)) continue;
    const unit = unitAt(units, m.index);
    const kindWord = (m[1] ?? '').toLowerCase();
    found.push({
      kind: 'DEBATE',
      member: null,
      party: null,
      title: `${kindWord[0]!.toUpperCase()}${kindWord.slice(1)} ${name}`,
      parliamentaryReference: null,
      description: unit?.text ?? null,
      start: m.index,
      unit,
    });
  }
  for (const [re, title] of AGREEMENTS) {
    for (const m of text.matchAll(re)) {
      const unit = unitAt(units, m.index);
      found.push({
        kind: 'COALITION_AGREEMENT',
        member: null,
        party: null,
        title,
        parliamentaryReference: null,
        description: unit?.text ?? null,
        start: m.index,
        unit,
      });
    }
  }
  found.sort((a, b) => a.start - b.start);

  // References attach to an item in the same sentence; otherwise they are items of their own,
  // typed by the words around them.
  for (const ref of findReferences(text)) {
    const unit = unitAt(units, ref.start);
    const sameUnit = found.filter((f) => f.unit !== null && unit !== null && f.unit.start === unit.start);
    const compatible = sameUnit.find(
      (f) => f.parliamentaryReference === null && (ref.kind === 'OTHER' || f.kind === ref.kind) && f.kind !== 'COALITION_AGREEMENT',
    );
    if (compatible) {
      compatible.parliamentaryReference = ref.id;
      continue;
    }
    const context = unit?.text ?? '';
    let kind: PoliticalContextKind = ref.kind;
    if (kind === 'OTHER') {
      if (/\bmotie\b/i.test(context)) kind = 'MOTION';
      else if (/\btoezegging\b/i.test(context)) kind = 'COMMITMENT';
      else if (/\bvragen\b/i.test(context)) kind = 'PARLIAMENTARY_QUESTION';
    }
    const titles: Record<PoliticalContextKind, string> = {
      MOTION: `Motie ${ref.id}`,
      COMMITMENT: `Toezegging ${ref.id}`,
      PARLIAMENTARY_QUESTION: `Kamervragen ${ref.id}`,
      OTHER: `Kamerstuk ${ref.id}`,
      DEBATE: `Debat ${ref.id}`,
      COALITION_AGREEMENT: ref.id,
    };
    found.push({
      kind,
      member: null,
      party: null,
      title: titles[kind],
      parliamentaryReference: ref.id,
      description: unit?.text ?? null,
      start: ref.start,
      unit,
    });
  }
  found.sort((a, b) => a.start - b.start);

  const result: ParsedPoliticalContextItem[] = [];
  const byKey = new Map<string, ParsedPoliticalContextItem>();
  for (const f of found) {
    const key = `${f.kind}|${f.member?.toLowerCase() ?? f.title.toLowerCase()}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.parliamentaryReference ??= f.parliamentaryReference;
      existing.party ??= f.party;
      continue;
    }
    const item: ParsedPoliticalContextItem = {
      kind: f.kind,
      member: f.member,
      party: f.party,
      title: f.title,
      parliamentaryReference: f.parliamentaryReference,
      description: f.description,
    };
    byKey.set(key, item);
    result.push(item);
  }
  return result;
}
