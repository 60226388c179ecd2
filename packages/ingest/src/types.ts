// The importer's output contract. `db` stores exactly this shape and `api` exposes it, so a
// change here is a change to all three: extend, don't rename.

export type MemoKind = 'BESLISNOTA' | 'INFORMATIENOTA';

/** Canonical section kinds; headings map onto them case-insensitively, numbered or not. */
export type SectionKind =
  | 'OCCASION' // Aanleiding
  | 'ADVISED_DECISION' // Geadviseerd besluit / Advies / Besluit
  | 'KEY_POINTS' // Kernpunten / Kern
  | 'EXPLANATION' // Toelichting
  | 'POLITICAL_CONTEXT' // Politieke context
  | 'FINANCIAL_CONSIDERATIONS' // Financiële overwegingen / gevolgen
  | 'LEGAL_CONSIDERATIONS' // Juridische overwegingen / aspecten
  | 'CONSULTATION' // Krachtenveld
  | 'STRATEGY' // Strategie
  | 'EXECUTION' // Uitvoering
  | 'IMPLEMENTATION' // Implementatie
  | 'COMMUNICATION' // Communicatie
  | 'PRIOR_DEVELOPMENTS' // Ontwikkelingen (hiervoor)
  | 'NON_PUBLIC_INFORMATION' // Informatie die niet openbaar gemaakt kan/wordt worden
  | 'OTHER';

export type OrganizationKind =
  | 'MINISTRY'
  | 'DIRECTORATE_GENERAL'
  | 'DIRECTORATE'
  | 'BUREAU'
  | 'AGENCY'
  | 'OTHER';

export type PoliticalContextKind =
  | 'COALITION_AGREEMENT'
  | 'MOTION'
  | 'COMMITMENT'
  | 'PARLIAMENTARY_QUESTION'
  | 'DEBATE'
  | 'OTHER';

export interface ParsedSection {
  /** "4.1", "5", or null for unnumbered headings; a leading part before the first heading has heading "" */
  number: string | null;
  heading: string;
  kind: SectionKind;
  /** The whole text of the section (without its heading and without page furniture). */
  body: string;
  /** The body is "N.v.t." (niet van toepassing). */
  notApplicable: boolean;
}

/** One level of the sender chain as the memo prints it, top (ministry) first. */
export interface ParsedOrganizationRef {
  kind: OrganizationKind;
  name: string;
  /** Register code when the name or an alias is known to the organisation register, else null. */
  code: string | null;
}

export interface ParsedPoliticalContextItem {
  kind: PoliticalContextKind;
  /** Surname as written after "lid" / "motie" ("Ceder"), or null. */
  member: string | null;
  /** Party when the text or the register of known members gives it ("ChristenUnie"), else null. */
  party: string | null;
  /** Human title: "Motie Ceder", "Toezegging aan lid Markuszower", "Coalitieakkoord". */
  title: string;
  /** Tweede Kamer id when printed: "kst-36200-12", "TZ202412-116", "2022Z19120"; else null. */
  parliamentaryReference: string | null;
  /** The sentence it was found in, for a reader's context. */
  description: string | null;
}

export interface ParsedConsideration {
  /** false when the section says N.v.t. */
  applicable: boolean;
  text: string | null;
  /** Financial only: false for "geen financiële gevolgen", true when amounts or impact are stated, null when unknown. */
  hasBudgetImpact: boolean | null;
  /** Amounts in euros found in the text (e.g. "€ 2,5 miljoen" → 2500000). */
  amounts: number[];
}

export interface ParsedRedaction {
  /** Woo ground code: "5.1.1d", "5.1.2e", "5.1.5", "5.2", ... */
  ground: string;
  /** The explanation as the memo gives it. */
  explanation: string;
  /** Number (or heading when unnumbered) of the section the explanation stands in, or null. */
  section: string | null;
}

export interface ParsedMemo {
  kind: MemoKind | null;
  title: string | null;
  /** "De Staatssecretaris van Justitie en Veiligheid" — normalised to start with "De ". */
  addressee: string | null;
  /** Status label as printed: "TER BESLISSING", "TER ONDERTEKENING", "TER INFORMATIE", ... */
  statusLabel: string | null;
  /** ISO date (YYYY-MM-DD). */
  date: string | null;
  /** Kenmerk / Ons kenmerk: "4700831", "DGBI-O / 89581779". */
  reference: string | null;
  /** Sender chain, ministry first. */
  sender: ParsedOrganizationRef[];
  attachments: string[];
  copyTo: string[];
  sections: ParsedSection[];
  occasion: string | null;
  advisedDecision: string | null;
  keyPoints: string | null;
  politicalContext: ParsedPoliticalContextItem[];
  /** Register codes of organisations consulted (Krachtenveld and "afgestemd met" anywhere), aliases resolved (SWZ → SZW). */
  consultedOrganizations: string[];
  financialConsiderations: ParsedConsideration | null;
  legalConsiderations: ParsedConsideration | null;
  redactions: ParsedRedaction[];
  /** ISO 3166 alpha-2 codes of countries mentioned ("Marokko", "Marokkanen" → "MA"). */
  countries: string[];
  /** Topic codes: "asylum", "return", "detention", "regulatory_burden", ... */
  topics: string[];
  /** The text as given, for provenance and later re-parsing. */
  sourceText: string;
}

export type ParseResult =
  | { ok: true; memo: ParsedMemo; warnings: string[] }
  | { ok: false; code: 'NOT_A_MEMO' | 'EMPTY_TEXT'; reason: string; warnings: string[] };

/** An organisation in the register (the one source of codes, names, aliases and hierarchy). */
export interface RegisteredOrganization {
  code: string;
  name: string;
  kind: OrganizationKind;
  parentCode: string | null;
  aliases: string[];
}

/** A Woo exemption ground. */
export interface WooGround {
  code: string;
  /** Article text in short: "Artikel 5.1, tweede lid, onder e, Woo: eerbiediging van de persoonlijke levenssfeer". */
  legalText: string;
  description: string;
}

export interface Country {
  code: string;
  name: string;
}

/** One row of a statistics CSV (see packages/ingest/fixtures/statistics). */
export interface StatisticRow {
  seriesCode: string;
  seriesTitle: string;
  publisher: string;
  sourceUrl: string | null;
  measure: string;
  unit: string;
  country: string | null;
  granularity: 'MONTH' | 'QUARTER' | 'HALF_YEAR' | 'YEAR' | 'YEAR_TO_DATE' | 'CUMULATIVE';
  period: string;
  value: number;
  status: 'FINAL' | 'PROVISIONAL';
  note: string | null;
}

export type StatisticsParseResult =
  | { ok: true; rows: StatisticRow[] }
  | { ok: false; errors: { line: number; message: string }[] };
