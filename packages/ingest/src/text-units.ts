// Sentences (or list items) with their offsets, so extractors can quote the sentence a mention
// stands in. Memo bodies mix wrapped prose with one-item-per-line lists; both are handled.

export interface TextUnit {
  start: number;
  end: number;
  text: string;
}

const BULLET = /^(?:[•\-–*▪●◦]|\d{1,2}[.)]|[a-z][.)])\s+/;

export function splitUnits(text: string): TextUnit[] {
  const units: TextUnit[] = [];
  // Paragraphs are separated by blank lines.
  const paraRe = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (const para of text.matchAll(paraRe)) {
    const paraStart = para.index;
    const lines: { start: number; text: string }[] = [];
    let offset = paraStart;
    for (const l of para[0].split('\n')) {
      lines.push({ start: offset, text: l });
      offset += l.length + 1;
    }
    // A paragraph of short lines without sentence ends is a list: one unit per line.
    const isList = lines.length > 1 && lines.every((l) => l.text.trim().length < 60 && !/[.!?]$/.test(l.text.trim()));
    // Group lines into items: a bullet starts a new item, other lines continue the current one.
    const items: { start: number; end: number }[] = [];
    for (const l of lines) {
      const startsItem = isList || BULLET.test(l.text.trim()) || items.length === 0;
      if (startsItem) items.push({ start: l.start, end: l.start + l.text.length });
      else items[items.length - 1]!.end = l.start + l.text.length;
    }
    for (const item of items) {
      const itemText = text.slice(item.start, item.end);
      // Sentence ends: ". " followed by an upper-case letter, digit or quote.
      const re = /[.!?](?=\s+[\p{Lu}\d"“‘(•])/gu;
      let s = 0;
      for (const m of itemText.matchAll(re)) {
        const e = m.index + 1;
        pushUnit(units, text, item.start + s, item.start + e);
        s = e;
      }
      pushUnit(units, text, item.start + s, item.end);
    }
  }
  return units;
}

function pushUnit(units: TextUnit[], text: string, start: number, end: number): void {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed === '') return;
  units.push({ start: start + lead, end: start + lead + trimmed.length, text: trimmed.replace(/\s*\n\s*/g, ' ') });
}

/** The unit containing `offset` (binary search over sorted units). */
export function unitAt(units: TextUnit[], offset: number): TextUnit | null {
  let lo = 0;
  let hi = units.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const u = units[mid]!;
    if (offset < u.start) hi = mid - 1;
    else if (offset >= u.end) lo = mid + 1;
    else return u;
  }
  return null;
}
