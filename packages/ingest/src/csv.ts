// RFC 4180 CSV: quoted fields may contain commas, doubled quotes and line breaks. Each record
// remembers the physical line it starts on, so errors can point at the line a person sees.

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  fields: string[];
}

export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string; records: CsvRecord[] };

export function parseCsv(text: string): CsvResult {
  const records: CsvRecord[] = [];
  const s = text.replace(/^\uFEFF/, '');
  let line = 1;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i < n && s[i] === '"') {
        // Quoted field.
        i++;
        let closed = false;
        while (i < n) {
          const c = s[i]!;
          if (c === '"') {
            if (s[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (!closed) return { ok: false, line: startLine, message: 'unterminated quoted field', records };
        if (i < n && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r') {
          return { ok: false, line, message: 'unexpected character after closing quote', records };
        }
      } else {
        while (i < n && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r') {
          if (s[i] === '"') return { ok: false, line, message: 'quote inside an unquoted field', records };
          field += s[i];
          i++;
        }
      }
      fields.push(field);
      field = '';
      if (i >= n) {
        endOfRecord = true;
      } else if (s[i] === ',') {
        i++;
      } else {
        if (s[i] === '\r') i++;
        if (s[i] === '\n') i++;
        line++;
        endOfRecord = true;
      }
    }
    // A blank line (typically the last one) is not a record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: startLine, fields });
  }
  return { ok: true, records };
}
