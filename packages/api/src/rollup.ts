// Roll-ups of a series' observations to a coarser granularity (MONTH → QUARTER → HALF_YEAR → YEAR).
// Pure: observations in, observations out. The rules (also in README.md, "Roll-ups"):
//
// - Only the calendar granularities nest, so only they are summed. YEAR_TO_DATE and CUMULATIVE
//   figures are running totals: they are never parts of a roll-up, and nothing rolls up into them
//   (asking for them returns the stored figures of that granularity, unchanged).
// - Sources of a roll-up to T are the series' observations of T or of a finer calendar granularity;
//   observations of other granularities (e.g. a year-to-date figure in a yearly series) are left out.
// - Per target period: a figure published for that period itself wins; otherwise the finest
//   granularity that covers the period completely is summed (one granularity per period, never a mix).
// - Value: the sum. Status: PROVISIONAL when any part is, else FINAL.
// - A period is complete when every part is present (3 months of a quarter, 4 quarters of a year, …).
//   Incomplete periods are left out unless asked for; then they come flagged `complete: false`,
//   with `parts` saying how many figures were summed.
// - Refused (a RollupError): to a finer granularity than any the series holds, from running totals
//   only, to YEAR_TO_DATE/CUMULATIVE from anything else, and any summing of a measure that is not a
//   count (see isCountUnit).
import { periodBounds, type ObservationRow } from '@notabene/db';

export type Granularity = 'MONTH' | 'QUARTER' | 'HALF_YEAR' | 'YEAR' | 'YEAR_TO_DATE' | 'CUMULATIVE';

/** The calendar granularities, finest first; each nests in the next. */
const CALENDAR = ['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'] as const;
type Calendar = (typeof CALENDAR)[number];
const MONTHS_IN: Record<Calendar, number> = { MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12 };

/** A stored or computed observation: the stored row plus how it was made. */
export type RolledObservation = ObservationRow & {
  /** Number of stored figures summed into this one (1 for a stored figure). */
  parts: number;
  /** False only for a period that lacks some of its parts. */
  complete: boolean;
};

export class RollupError extends Error {}

// Units that are not counts: summing them means nothing (two months of 3% are not 6%).
const NOT_A_COUNT = /^(%|percent(age)?|pct|per ?cent|per ?mille|promille|rate|ratio|index|share|average|mean|median)$|^per[_ -]|[_ /-]per[_ -]|\//;

/**
 * Whether figures in this unit may be summed: every unit is a count ("persons", "applications",
 * "decisions", …) except percentages, rates, ratios, indices, shares, averages/means/medians and
 * "per" units ("per_1000", "persons_per_day", "km/h").
 */
export function isCountUnit(unit: string): boolean {
  return !NOT_A_COUNT.test(unit.trim().toLowerCase());
}

const isCalendar = (g: string): g is Calendar => (CALENDAR as readonly string[]).includes(g);
const rank = (g: Calendar) => CALENDAR.indexOf(g);

/** The period of granularity `target` that contains the calendar period starting on `start` (YYYY-MM-DD). */
function containingPeriod(start: string, target: Calendar): string {
  const y = start.slice(0, 4);
  const m = Number(start.slice(5, 7));
  switch (target) {
    case 'MONTH':
      return `${y}-${start.slice(5, 7)}`;
    case 'QUARTER':
      return `${y}-Q${Math.ceil(m / 3)}`;
    case 'HALF_YEAR':
      return `${y}-H${m <= 6 ? 1 : 2}`;
    case 'YEAR':
      return y;
  }
}

// Sums without binary noise (0.1 + 0.2); figures carry at most a few decimals.
const roundSum = (n: number) => Math.round(n * 1e6) / 1e6;

function stored(o: ObservationRow): RolledObservation {
  return { ...o, parts: 1, complete: true };
}

/**
 * The observations of a series at `target` granularity, rolled up from finer ones where needed,
 * in period order. `observations` are all the series holds (a range cut before rolling up would
 * make periods at its edges look incomplete). Throws RollupError when the roll-up is refused.
 */
export function rollUp(
  observations: readonly ObservationRow[],
  target: Granularity,
  options: { unit: string; includeIncomplete?: boolean },
): RolledObservation[] {
  const held = [...new Set(observations.map((o) => o.granularity))];
  if (held.length === 0) return [];
  const holds = held.join(', ');

  if (!isCalendar(target)) {
    if (!held.includes(target)) {
      throw new RollupError(`${target} figures are only returned as published, and this series holds none (it holds ${holds}); nothing rolls up into a running total.`);
    }
    return observations.filter((o) => o.granularity === target).map(stored);
  }

  const calendarHeld = held.filter(isCalendar);
  if (calendarHeld.length === 0) {
    throw new RollupError(`this series holds only ${holds} figures: running totals overlap, so they cannot be rolled up to ${target}.`);
  }
  const sources = calendarHeld.filter((g) => rank(g) <= rank(target));
  if (sources.length === 0) {
    throw new RollupError(`cannot split ${calendarHeld.join(', ')} figures into ${target}: a roll-up only goes to a coarser granularity.`);
  }
  const finer = sources.filter((g) => g !== target);
  if (finer.length > 0 && !isCountUnit(options.unit)) {
    if (!sources.includes(target)) {
      throw new RollupError(`unit "${options.unit}" is not a count, so ${finer.join(', ')} figures cannot be summed into ${target}.`);
    }
    // Only the figures published at the target granularity; a rate is never summed.
    return observations.filter((o) => o.granularity === target).map(stored);
  }

  // target period → source granularity → observations in it
  const byPeriod = new Map<string, Map<Calendar, ObservationRow[]>>();
  for (const o of observations) {
    if (!isCalendar(o.granularity) || !sources.includes(o.granularity)) continue;
    const key = containingPeriod(o.start_date, target);
    const slot = byPeriod.get(key) ?? new Map<Calendar, ObservationRow[]>();
    slot.set(o.granularity, [...(slot.get(o.granularity) ?? []), o]);
    byPeriod.set(key, slot);
  }

  const result: RolledObservation[] = [];
  for (const [period, slot] of byPeriod) {
    const own = slot.get(target)?.[0];
    if (own) {
      result.push(stored(own));
      continue;
    }
    // Finest first; the first complete one wins, else the one covering the most months.
    const candidates = [...slot.entries()]
      .map(([g, parts]) => ({ g, parts, expected: MONTHS_IN[target] / MONTHS_IN[g] }))
      .sort((a, b) => rank(a.g) - rank(b.g));
    const pick =
      candidates.find((c) => c.parts.length === c.expected) ??
      [...candidates].sort((a, b) => b.parts.length * MONTHS_IN[b.g] - a.parts.length * MONTHS_IN[a.g] || rank(a.g) - rank(b.g))[0]!;
    const complete = pick.parts.length === pick.expected;
    if (!complete && !options.includeIncomplete) continue;
    const parts = [...pick.parts].sort((a, b) => a.start_date.localeCompare(b.start_date));
    const bounds = periodBounds(target, period)!;
    const listed = parts.map((p) => p.period).join(', ');
    result.push({
      series_id: parts[0]!.series_id,
      period,
      granularity: target,
      start_date: bounds.start,
      end_date: bounds.end,
      value: roundSum(parts.reduce((sum, p) => sum + p.value, 0)),
      status: parts.some((p) => p.status === 'PROVISIONAL') ? 'PROVISIONAL' : 'FINAL',
      note: complete
        ? `sum of ${parts.length} ${pick.g} figures (${listed})`
        : `incomplete: sum of ${parts.length} of ${pick.expected} ${pick.g} figures (${listed})`,
      parts: parts.length,
      complete,
    });
  }
  return result.sort((a, b) => a.start_date.localeCompare(b.start_date) || a.period.localeCompare(b.period));
}

/** Whether an observation overlaps the from..to range (dates YYYY-MM-DD, either may be null). */
export function overlaps(o: { start_date: string; end_date: string }, from: string | null, to: string | null): boolean {
  return (from === null || o.end_date >= from) && (to === null || o.start_date <= to);
}
