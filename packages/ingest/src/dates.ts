// Dutch dates as memos print them: "7 juni 2023", "30 okt. 2024", "5 mrt 2024", "07-06-2023".

const MONTHS: [RegExp, number][] = [
  [/^jan(uari|\.)?$/, 1],
  [/^feb(r(uari|\.)?|\.)?$/, 2],
  [/^(maart|mrt\.?|mar\.?|maa\.?)$/, 3],
  [/^apr(il|\.)?$/, 4],
  [/^mei$/, 5],
  [/^jun(i|\.)?$/, 6],
  [/^jul(i|\.)?$/, 7],
  [/^aug(ustus|\.)?$/, 8],
  [/^sep(t(ember|\.)?|\.)?$/, 9],
  [/^okt(ober|\.)?$/, 10],
  [/^nov(ember|\.)?$/, 11],
  [/^dec(ember|\.)?$/, 12],
];

function monthNumber(word: string): number | null {
  const w = word.toLowerCase();
  for (const [re, n] of MONTHS) if (re.test(w)) return n;
  return null;
}

export type DateParse =
  | { kind: 'ok'; iso: string }
  | { kind: 'invalid'; reason: string }
  | { kind: 'none' };

function iso(y: number, m: number, d: number): DateParse {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (
    m < 1 ||
    m > 12 ||
    d < 1 ||
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d
  ) {
    return { kind: 'invalid', reason: `there is no day ${d} in month ${m} of ${y}` };
  }
  return { kind: 'ok', iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/**
 * Parses a date that makes up the whole of `text` (a leading place name such as "Den Haag," is
 * allowed). Returns `invalid` for dates that have the shape of a date but cannot exist.
 */
export function parseDutchDate(text: string): DateParse {
  const t = text
    .trim()
    .replace(/^[\p{L}' -]+,\s*/u, '')
    .replace(/\s+/g, ' ');
  let m = /^(\d{1,2})\s+([\p{L}.]+)\s+(\d{4})$/u.exec(t);
  if (m) {
    const month = monthNumber(m[2] ?? '');
    if (month === null) return { kind: 'invalid', reason: `"${m[2]}" is not a Dutch month name` };
    return iso(Number(m[3]), month, Number(m[1]));
  }
  m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(t);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return { kind: 'none' };
}

/** True when the text has the rough shape of a date value (used to decide what a label's value is). */
export function looksLikeDate(text: string): boolean {
  return /\d/.test(text) && text.length <= 40 && !/[;]/.test(text);
}
