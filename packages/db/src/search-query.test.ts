import { describe, expect, it } from 'vitest';
import { describeSearchQuery, parseSearchQuery, SearchQueryError, toFts5Match, toTsQuery, type SearchQueryErrorReason } from './search-query.js';

const parsed = (q: string) => describeSearchQuery(parseSearchQuery(q));

function reasonOf(q: string): SearchQueryErrorReason | null {
  try {
    parseSearchQuery(q);
    return null;
  } catch (error) {
    if (error instanceof SearchQueryError) return error.reason;
    throw error;
  }
}

describe('parseSearchQuery', () => {
  it('reads words with implied AND, folding case and diacritics', () => {
    expect(parsed('terugkeer Marokko')).toBe('(terugkeer marokko)');
    expect(parsed('Financiële  OVERWEGINGEN')).toBe('(financiele overwegingen)');
    // Decomposed input (e + combining diaeresis) folds the same way.
    expect(parsed('financie\u0308le')).toBe('financiele');
  });

  it('reads phrases, prefixes, OR, NOT, explicit AND and groups', () => {
    expect(parsed('"Kamerbrief Marokko"')).toBe('"kamerbrief marokko"');
    expect(parsed('terugke*')).toBe('terugke*');
    expect(parsed('"samenwerking met Mar"*')).toBe('"samenwerking met mar"*');
    expect(parsed('Marokko OR Tunesië')).toBe('(marokko OR tunesie)');
    expect(parsed('Marokko | Tunesië')).toBe('(marokko OR tunesie)');
    expect(parsed('Marokko -Tunesië')).toBe('(marokko -tunesie)');
    expect(parsed('Marokko NOT Tunesië')).toBe('(marokko -tunesie)');
    expect(parsed('Marokko AND terugkeer')).toBe('(marokko terugkeer)');
    expect(parsed('(Marokko OR Tunesië) terugkeer -"vrijwillige terugkeer"')).toBe('((marokko OR tunesie) terugkeer -"vrijwillige terugkeer")');
    expect(parsed('a b OR c d')).toBe('((a b) OR (c d))');
    expect(parsed('-(a OR b) c')).toBe('(-(a OR b) c)');
  });

  it('treats words with inner punctuation as phrases and ignores lone punctuation', () => {
    expect(parsed('ATR-wet')).toBe('"atr wet"');
    expect(parsed('5.1.2e')).toBe('"5 1 2e"');
    expect(parsed('Marokko - Tunesië')).toBe('(marokko tunesie)');
    expect(parsed('regeldruk && ***')).toBe('regeldruk');
    // Lower-case or/not are words, as in the memos themselves.
    expect(parsed('a or b')).toBe('(a or b)');
  });

  it('refuses malformed queries with a reason', () => {
    expect(reasonOf('')).toBe('EMPTY_QUERY');
    expect(reasonOf('   ')).toBe('EMPTY_QUERY');
    expect(reasonOf('&& **')).toBe('EMPTY_QUERY');
    expect(reasonOf('x'.repeat(501))).toBe('QUERY_TOO_LONG');
    expect(reasonOf(Array.from({ length: 33 }, (_, i) => `w${i}`).join(' '))).toBe('TOO_MANY_TERMS');
    expect(reasonOf('"Kamerbrief Marokko')).toBe('UNBALANCED_QUOTES');
    expect(reasonOf('(Marokko OR Tunesië')).toBe('UNBALANCED_PARENTHESES');
    expect(reasonOf('Marokko)')).toBe('UNBALANCED_PARENTHESES');
    expect(reasonOf('NOT')).toBe('DANGLING_OPERATOR');
    expect(reasonOf('Marokko NOT')).toBe('DANGLING_OPERATOR');
    expect(reasonOf('OR Marokko')).toBe('DANGLING_OPERATOR');
    expect(reasonOf('Marokko OR')).toBe('DANGLING_OPERATOR');
    expect(reasonOf('Marokko OR OR Tunesië')).toBe('DANGLING_OPERATOR');
    expect(reasonOf('Marokko AND')).toBe('DANGLING_OPERATOR');
    expect(reasonOf('()')).toBe('DANGLING_OPERATOR');
    expect(reasonOf('-Marokko')).toBe('ONLY_NEGATIVE');
    expect(reasonOf('NOT Marokko')).toBe('ONLY_NEGATIVE');
    expect(reasonOf('a OR -b')).toBe('ONLY_NEGATIVE');
    expect(reasonOf('NOT -a b')).toBe('DOUBLE_NEGATION');
    expect(reasonOf('a*'.slice(1))).toBe('EMPTY_QUERY');
    expect(reasonOf('a*')).toBe('PREFIX_TOO_SHORT');
    expect(reasonOf('('.repeat(9) + 'a' + ')'.repeat(9))).toBe('TOO_DEEP');
    const error = (() => {
      try {
        parseSearchQuery('"open');
      } catch (e) {
        return e as SearchQueryError;
      }
    })();
    expect(error).toBeInstanceOf(SearchQueryError);
    expect(error?.code).toBe('BAD_SEARCH_QUERY');
    expect(error?.message).toMatch(/never closed/);
  });
});

describe('rendering', () => {
  it('quotes every word for FTS5 and expands long bare words to prefixes', () => {
    expect(toFts5Match(parseSearchQuery('terugkeer Marokko -Tunesië'))).toBe('(("terugkeer"* AND "marokko"*) NOT "tunesie"*)');
    expect(toFts5Match(parseSearchQuery('"Kamerbrief Marokko" OR wet'))).toBe('("kamerbrief marokko" OR "wet")');
    expect(toFts5Match(parseSearchQuery('terugke*'), { expandFrom: 0 })).toBe('"terugke"*');
    expect(toFts5Match(parseSearchQuery('regeldruk'), { expandFrom: 0 })).toBe('"regeldruk"');
    // FTS5 syntax typed by a user stays text: no column filter, no NEAR, no caret.
    expect(toFts5Match(parseSearchQuery('title:geheim NEAR(a b) ^c'), { expandFrom: 0 })).toBe('("title geheim" AND "near" AND "a" AND "b" AND "c")');
  });

  it('builds a to_tsquery text with & | ! <-> and :*', () => {
    expect(toTsQuery(parseSearchQuery('terugkeer Marokko -Tunesië'))).toBe("('terugkeer' & 'marokko' & !'tunesie')");
    expect(toTsQuery(parseSearchQuery('"Kamerbrief Marokko" OR terugke*'))).toBe("(('kamerbrief' <-> 'marokko') | 'terugke':*)");
    expect(toTsQuery(parseSearchQuery("o'neill & 'x' | !y"))).toBe("((('o' <-> 'neill') & 'x') | 'y')");
  });
});
