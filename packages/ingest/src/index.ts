// Public surface of @notabene/ingest: memo text and statistics CSV in, structured data out.
export type * from './types.js';
export { parseMemoText, normaliseReference } from './parse-memo.js';
export { parseStatisticsCsv, STATISTICS_HEADER } from './parse-statistics.js';
export {
  ORGANIZATIONS,
  resolveOrganization,
  resolveOrganizationWithAlias,
  organizationChain,
} from './organizations.js';
export { WOO_GROUNDS, findWooGround, normaliseWooCode } from './woo-grounds.js';
export { COUNTRIES, findCountry, detectCountries, EXCLUDED_FROM_DETECTION } from './countries.js';
export { TOPICS, detectTopics } from './topics.js';
export type { Topic } from './topics.js';
export { KNOWN_MEMBERS, partyOfMember } from './members.js';
export type { KnownMember } from './members.js';
export { parseDutchDate } from './dates.js';
export { extractAmounts, parseDutchNumber } from './considerations.js';
