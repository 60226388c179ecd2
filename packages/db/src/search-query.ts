// One search language for both databases. The user's web-search-style query is parsed here into
// a small tree and rendered to an FTS5 MATCH expression (SQLite) and a to_tsquery string
// (PostgreSQL). Every word that reaches either engine consists of letters, marks and digits only
// and is quoted, so engine syntax typed by a user (FTS5 column filters, NEAR, tsquery operators)
// can never reach the engine raw: malformed input fails here with a SearchQueryError.

/** A parsed search query. `not` occurs only inside `and`, next to at least one positive part. */
export type SearchNode =
  | { type: 'term'; word: string; prefix: boolean }
  | { type: 'phrase'; words: string[]; prefix: boolean }
  | { type: 'and'; children: SearchNode[] }
  | { type: 'or'; children: SearchNode[] }
  | { type: 'not'; child: SearchNode };

export type SearchQueryErrorReason =
  | 'EMPTY_QUERY'
  | 'QUERY_TOO_LONG'
  | 'TOO_MANY_TERMS'
  | 'UNBALANCED_QUOTES'
  | 'UNBALANCED_PARENTHESES'
  | 'DANGLING_OPERATOR'
  | 'ONLY_NEGATIVE'
  | 'DOUBLE_NEGATION'
  | 'PREFIX_TOO_SHORT'
  | 'TOO_DEEP';

/** A query the user must correct; `reason` is stable for programs, the message is for people. */
export class SearchQueryError extends Error {
  readonly code = 'BAD_SEARCH_QUERY';
  constructor(
    readonly reason: SearchQueryErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'SearchQueryError';
  }
}

export const SEARCH_LIMITS = Object.freeze({ maxLength: 500, maxTerms: 32, maxDepth: 8, minPrefix: 2 });

type Token =
  | { kind: 'word'; text: string; negated: boolean }
  | { kind: 'phrase'; text: string; negated: boolean }
  | { kind: 'open'; negated: boolean }
  | { kind: 'close' }
  | { kind: 'or' }
  | { kind: 'and' }
  | { kind: 'not' };

/** Lower-case, compatibility-composed, without diacritics: what both indexes compare. */
export function foldSearchText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC').toLowerCase();
}

// Words are runs of letters and digits; anything else separates words, as both engines' tokenizers do.
function wordsOf(text: string): string[] {
  return foldSearchText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let negate = false;
  const push = (t: Token) => {
    tokens.push(t);
    negate = false;
  };
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/u.test(c)) {
      // A "-" standing alone is punctuation ("Marokko - Tunesië"), not an exclusion.
      negate = false;
      i += 1;
      continue;
    }
    if (c === '-' && !negate) {
      negate = true;
      i += 1;
      continue;
    }
    if (c === '"') {
      const end = input.indexOf('"', i + 1);
      if (end < 0) throw new SearchQueryError('UNBALANCED_QUOTES', `The quote at position ${i + 1} is never closed; phrases go between two double quotes, e.g. "Kamerbrief Marokko".`);
      let text = input.slice(i + 1, end);
      i = end + 1;
      // "phrase"* : the phrase's last word as a prefix.
      if (input[i] === '*') {
        text += '*';
        i += 1;
      }
      push({ kind: 'phrase', text, negated: negate });
      continue;
    }
    if (c === '(') {
      push({ kind: 'open', negated: negate });
      i += 1;
      continue;
    }
    if (c === ')') {
      push({ kind: 'close' });
      i += 1;
      continue;
    }
    let j = i;
    while (j < input.length && !/[\s"()]/u.test(input[j]!)) j += 1;
    const text = input.slice(i, j);
    i = j;
    if (!negate && (text === 'OR' || text === '|')) push({ kind: 'or' });
    else if (!negate && text === 'AND') push({ kind: 'and' });
    else if (!negate && text === 'NOT') push({ kind: 'not' });
    else push({ kind: 'word', text, negated: negate });
  }
  return tokens;
}

class Parser {
  private pos = 0;
  terms = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): SearchNode | null {
    const node = this.orExpr(0);
    const rest = this.tokens[this.pos];
    if (rest) {
      if (rest.kind === 'close') throw new SearchQueryError('UNBALANCED_PARENTHESES', 'There is a ")" without a matching "(".');
      throw new SearchQueryError('DANGLING_OPERATOR', 'The query could not be read to its end.');
    }
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private orExpr(depth: number): SearchNode | null {
    const parts: (SearchNode | null)[] = [];
    const first = this.peek();
    if (first?.kind === 'or') throw new SearchQueryError('DANGLING_OPERATOR', 'OR needs a word or phrase on both sides, e.g. Marokko OR Tunesië.');
    parts.push(this.andExpr(depth));
    while (this.peek()?.kind === 'or') {
      this.pos += 1;
      const next = this.peek();
      if (!next || next.kind === 'or' || next.kind === 'close' || next.kind === 'and') {
        throw new SearchQueryError('DANGLING_OPERATOR', 'OR needs a word or phrase on both sides, e.g. Marokko OR Tunesië.');
      }
      parts.push(this.andExpr(depth));
    }
    const kept = parts.filter((p): p is SearchNode => p !== null);
    if (kept.length === 0) return null;
    if (kept.length === 1) return kept[0]!;
    return { type: 'or', children: kept.flatMap((k) => (k.type === 'or' ? k.children : [k])) };
  }

  private andExpr(depth: number): SearchNode | null {
    const parts: SearchNode[] = [];
    for (;;) {
      const t = this.peek();
      if (!t || t.kind === 'or' || t.kind === 'close') break;
      if (t.kind === 'and') {
        this.pos += 1;
        const next = this.peek();
        if (parts.length === 0 || !next || next.kind === 'or' || next.kind === 'close' || next.kind === 'and') {
          throw new SearchQueryError('DANGLING_OPERATOR', 'AND needs a word or phrase on both sides (and may be left out: words are combined with AND anyway).');
        }
        continue;
      }
      const node = this.unary(depth);
      if (node) parts.push(node);
    }
    if (parts.length === 0) return null;
    if (parts.length === 1) return parts[0]!;
    return { type: 'and', children: parts.flatMap((p) => (p.type === 'and' ? p.children : [p])) };
  }

  private unary(depth: number): SearchNode | null {
    const t = this.peek();
    if (t?.kind === 'not') {
      this.pos += 1;
      const next = this.peek();
      if (!next || next.kind === 'or' || next.kind === 'and' || next.kind === 'close') {
        throw new SearchQueryError('DANGLING_OPERATOR', 'NOT must be followed by a word, "phrase" or (group), e.g. Marokko NOT Tunesië.');
      }
      if (next.kind === 'not' || ('negated' in next && next.negated)) {
        throw new SearchQueryError('DOUBLE_NEGATION', 'A part of the query is negated twice; leave both negations out.');
      }
      const inner = this.primary(depth);
      return inner ? { type: 'not', child: inner } : null;
    }
    const negated = t !== undefined && 'negated' in t && t.negated;
    const inner = this.primary(depth);
    if (!inner) return null;
    return negated ? { type: 'not', child: inner } : inner;
  }

  private primary(depth: number): SearchNode | null {
    const t = this.peek();
    if (!t) return null;
    this.pos += 1;
    if (t.kind === 'open') {
      if (depth + 1 > SEARCH_LIMITS.maxDepth) throw new SearchQueryError('TOO_DEEP', `Parentheses may be nested at most ${SEARCH_LIMITS.maxDepth} deep.`);
      if (this.peek()?.kind === 'close') throw new SearchQueryError('DANGLING_OPERATOR', 'A group "()" must contain a word or phrase.');
      const inner = this.orExpr(depth + 1);
      if (this.peek()?.kind !== 'close') throw new SearchQueryError('UNBALANCED_PARENTHESES', 'A "(" is never closed with ")".');
      this.pos += 1;
      return inner;
    }
    if (t.kind === 'word' || t.kind === 'phrase') return this.leaf(t.text);
    throw new SearchQueryError('DANGLING_OPERATOR', 'The query could not be read: an operator stands where a word was expected.');
  }

  private leaf(raw: string): SearchNode | null {
    const prefix = raw.endsWith('*');
    const words = wordsOf(prefix ? raw.slice(0, -1) : raw);
    // Input made only of punctuation ("&&", "*") carries no word: it is ignored, as search engines do.
    if (words.length === 0) return null;
    this.terms += words.length;
    if (this.terms > SEARCH_LIMITS.maxTerms) throw new SearchQueryError('TOO_MANY_TERMS', `A query may contain at most ${SEARCH_LIMITS.maxTerms} words.`);
    if (prefix && words[words.length - 1]!.length < SEARCH_LIMITS.minPrefix) {
      throw new SearchQueryError('PREFIX_TOO_SHORT', `A prefix search (word*) needs at least ${SEARCH_LIMITS.minPrefix} letters before the *.`);
    }
    // A word with inner punctuation ("ATR-wet", "5.1.2e") is indexed as adjacent words: search it as a phrase.
    if (words.length === 1) return { type: 'term', word: words[0]!, prefix };
    return { type: 'phrase', words, prefix };
  }
}

// FTS5 cannot express a bare NOT, nor "a OR NOT b": every AND group needs a positive part.
function checkPositive(node: SearchNode): void {
  if (node.type === 'not') {
    throw new SearchQueryError('ONLY_NEGATIVE', 'A search needs at least one word that is not excluded with NOT or -, e.g. Marokko -Tunesië.');
  }
  if (node.type === 'or') node.children.forEach(checkPositive);
  if (node.type === 'and') {
    if (node.children.every((c) => c.type === 'not')) checkPositive(node.children[0]!);
    for (const c of node.children) {
      if (c.type === 'not') checkInner(c.child);
      else checkPositive(c);
    }
  }
}

function checkInner(node: SearchNode): void {
  if (node.type === 'not') throw new SearchQueryError('DOUBLE_NEGATION', 'A part of the query is negated twice; leave both negations out.');
  if (node.type === 'or' || node.type === 'and') checkPositive(node);
}

/**
 * Parses a web-search-style query: words (AND implied), "phrases", prefix*, OR (or |), NOT word /
 * -word, explicit AND and (groups). Case and diacritics do not matter. Throws SearchQueryError.
 */
export function parseSearchQuery(input: string): SearchNode {
  if (input.length > SEARCH_LIMITS.maxLength) {
    throw new SearchQueryError('QUERY_TOO_LONG', `A search query may be at most ${SEARCH_LIMITS.maxLength} characters long (got ${input.length}).`);
  }
  if (input.trim() === '') throw new SearchQueryError('EMPTY_QUERY', 'The search query is empty; give at least one word.');
  const parser = new Parser(tokenize(input));
  const node = parser.parse();
  if (!node) throw new SearchQueryError('EMPTY_QUERY', 'The search query contains no word to search for (only punctuation or operators).');
  checkPositive(node);
  return node;
}

/** A canonical text form of a parsed query: equal queries give equal strings (used in cursors). */
export function describeSearchQuery(node: SearchNode): string {
  switch (node.type) {
    case 'term':
      return node.word + (node.prefix ? '*' : '');
    case 'phrase':
      return `"${node.words.join(' ')}"${node.prefix ? '*' : ''}`;
    case 'and':
      return `(${node.children.map(describeSearchQuery).join(' ')})`;
    case 'or':
      return `(${node.children.map(describeSearchQuery).join(' OR ')})`;
    case 'not':
      return `-${describeSearchQuery(node.child)}`;
  }
}

export interface Fts5Options {
  /**
   * SQLite has no Dutch stemmer: bare words of at least this many letters also match as a prefix
   * (terugkeer finds terugkeerbeleid, regeldruk finds regeldrukeffecten). 0 turns it off.
   */
  expandFrom: number;
}

const fts5Quote = (word: string) => `"${word.replaceAll('"', '""')}"`;

/** The FTS5 MATCH expression for a parsed query; every word is quoted. */
export function toFts5Match(node: SearchNode, options: Fts5Options = { expandFrom: 4 }): string {
  switch (node.type) {
    case 'term':
      return fts5Quote(node.word) + (node.prefix || (options.expandFrom > 0 && node.word.length >= options.expandFrom) ? '*' : '');
    case 'phrase':
      return fts5Quote(node.words.join(' ')) + (node.prefix ? '*' : '');
    case 'or':
      return `(${node.children.map((c) => toFts5Match(c, options)).join(' OR ')})`;
    case 'and': {
      const positive = node.children.filter((c) => c.type !== 'not');
      const negative = node.children.filter((c): c is Extract<SearchNode, { type: 'not' }> => c.type === 'not');
      // FTS5's NOT is binary (a NOT b): exclude each negated part from the positive conjunction.
      let expr = positive.length === 1 ? toFts5Match(positive[0]!, options) : `(${positive.map((c) => toFts5Match(c, options)).join(' AND ')})`;
      for (const n of negative) expr = `(${expr} NOT ${toFts5Match(n.child, options)})`;
      return expr;
    }
    case 'not':
      // Unreachable after parseSearchQuery's checks; kept total for the type checker.
      throw new SearchQueryError('ONLY_NEGATIVE', 'A search needs at least one word that is not excluded.');
  }
}

// tsquery lexemes in single quotes; words hold only letters, marks and digits, but quote anyway.
const tsQuote = (word: string) => `'${word.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`;

/** The text for PostgreSQL's to_tsquery(config, text): & | ! and <-> over quoted words, :* for prefixes. */
export function toTsQuery(node: SearchNode): string {
  switch (node.type) {
    case 'term':
      return tsQuote(node.word) + (node.prefix ? ':*' : '');
    case 'phrase':
      return `(${node.words.map((w, i) => tsQuote(w) + (node.prefix && i === node.words.length - 1 ? ':*' : '')).join(' <-> ')})`;
    case 'or':
      return `(${node.children.map(toTsQuery).join(' | ')})`;
    case 'and':
      return `(${node.children.map(toTsQuery).join(' & ')})`;
    case 'not':
      return `!${toTsQuery(node.child)}`;
  }
}
