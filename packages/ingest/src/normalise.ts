// Turns extracted text into lines with page numbers, and marks the furniture that every PDF
// extraction adds (page numbers, our own provenance line) before anything tries to read it.

export type FurnitureKind = 'provenance' | 'page-number';

export interface SourceLine {
  /** Index in the line array. */
  index: number;
  /** 1-based page, counted from form feeds and "Pagina x van y" lines. */
  page: number;
  /** Trimmed text with markdown bold removed. */
  text: string;
  /** Set for lines that are never content. */
  furniture: FurnitureKind | null;
  /** First line of a page (after a form feed or page-number line), for side-bar detection. */
  pageStart: boolean;
}

export interface NormalisedText {
  lines: SourceLine[];
  /** The `# source:` line's URL, when the text was fetched from elsewhere. */
  provenance: string | null;
}

const PAGE_NUMBER = /^(?:pagina|page|blad|blz\.?)\s*\d+\s*(?:van|of|\/)\s*\d+$/i;
const PAGE_DASH = /^[-–]\s*\d{1,3}\s*[-–]$/;

export function isPageNumberLine(text: string): boolean {
  return PAGE_NUMBER.test(text) || PAGE_DASH.test(text);
}

/** Markdown bold (`**Directoraat-Generaal`) is an artefact of conversion, never content. */
export function stripMarkup(text: string): string {
  return text.replace(/\*\*/g, '').replace(/\u00a0/g, ' ');
}

export function normaliseText(input: string): NormalisedText {
  const text = input.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  const rawLines = text.split('\n');
  const lines: SourceLine[] = [];
  let page = 1;
  let provenance: string | null = null;
  let pageStart = true;
  let seenContent = false;

  for (const rawLine of rawLines) {
    // A form feed can sit anywhere in a line; everything after it is on the next page.
    const parts = rawLine.split('\f');
    for (let p = 0; p < parts.length; p++) {
      if (p > 0) {
        page++;
        pageStart = true;
      }
      const part = parts[p] ?? '';
      if (p > 0 && part.trim() === '' && p < parts.length - 1) continue;
      const cleaned = stripMarkup(part).trim();
      let furniture: FurnitureKind | null = null;
      if (!seenContent && cleaned.startsWith('# source:')) {
        furniture = 'provenance';
        provenance = cleaned.slice('# source:'.length).trim() || null;
      } else if (isPageNumberLine(cleaned)) {
        furniture = 'page-number';
        // Without form feeds, the page-number line is the only page marker we get.
        const m = /(\d+)\s*(?:van|of|\/)/i.exec(cleaned);
        const n = m ? Number(m[1]) : NaN;
        if (Number.isFinite(n) && n > page) page = n;
      }
      const isBlank = cleaned === '';
      lines.push({
        index: lines.length,
        page,
        text: cleaned,
        furniture,
        pageStart: pageStart && !isBlank && furniture === null,
      });
      if (furniture === 'page-number') pageStart = true;
      else if (!isBlank && furniture === null) {
        pageStart = false;
        seenContent = true;
      }
    }
  }
  return { lines, provenance };
}
