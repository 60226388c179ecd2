import { builder } from '../builder.js';

export const MemoKindEnum = builder.enumType('MemoKind', {
  description: 'Kind of memo (soort nota).',
  values: {
    BESLISNOTA: { description: 'Decision memo: advises the minister to decide (beslisnota).' },
    INFORMATIENOTA: { description: 'Information memo: for information only (informatienota).' },
  } as const,
});

export const MemoStatusEnum = builder.enumType('MemoStatus', {
  description: 'Where the memo is in its life in the register (publicatiestatus).',
  values: {
    DRAFT: { description: 'Being written or corrected; not public (concept).' },
    PUBLISHED: { description: 'Published under the Woo (openbaar gemaakt).' },
    ARCHIVED: { description: 'Withdrawn from the register (gearchiveerd).' },
  } as const,
});

export const SectionKindEnum = builder.enumType('SectionKind', {
  description: 'Canonical kind of a memo section, whatever its heading says (soort paragraaf).',
  values: {
    OCCASION: { description: 'Aanleiding.' },
    ADVISED_DECISION: { description: 'Geadviseerd besluit / Advies.' },
    KEY_POINTS: { description: 'Kernpunten / Kern.' },
    EXPLANATION: { description: 'Toelichting.' },
    POLITICAL_CONTEXT: { description: 'Politieke context.' },
    FINANCIAL_CONSIDERATIONS: { description: 'Financiële overwegingen.' },
    LEGAL_CONSIDERATIONS: { description: 'Juridische overwegingen.' },
    CONSULTATION: { description: 'Krachtenveld: who was consulted.' },
    STRATEGY: { description: 'Strategie.' },
    EXECUTION: { description: 'Uitvoering.' },
    IMPLEMENTATION: { description: 'Implementatie.' },
    COMMUNICATION: { description: 'Communicatie.' },
    PRIOR_DEVELOPMENTS: { description: 'Ontwikkelingen hiervoor.' },
    NON_PUBLIC_INFORMATION: { description: 'Informatie die niet openbaar gemaakt kan worden.' },
    OTHER: { description: 'Any other section (overig), including text before the first heading.' },
  } as const,
});

export const PoliticalContextKindEnum = builder.enumType('PoliticalContextKind', {
  description: 'Kind of parliamentary item a memo answers to (soort politieke context).',
  values: {
    COALITION_AGREEMENT: { description: 'Coalitieakkoord (or regeerprogramma).' },
    MOTION: { description: 'Motie of a member of parliament.' },
    COMMITMENT: { description: 'Toezegging made to a member.' },
    PARLIAMENTARY_QUESTION: { description: 'Mondelinge vraag or Kamervragen.' },
    DEBATE: { description: 'Debat.' },
    OTHER: { description: 'Overig.' },
  } as const,
});

export const OrganizationKindEnum = builder.enumType('OrganizationKind', {
  description: 'Level of an organisation in the central government (soort organisatie).',
  values: {
    MINISTRY: { description: 'Ministerie.' },
    DIRECTORATE_GENERAL: { description: 'Directoraat-generaal.' },
    DIRECTORATE: { description: 'Directie.' },
    BUREAU: { description: 'Bureau / afdeling.' },
    AGENCY: { description: 'Uitvoeringsorganisatie or agency (dienst, agentschap).' },
    OTHER: { description: 'Overig.' },
  } as const,
});

export const GranularityEnum = builder.enumType('Granularity', {
  description: 'Period an observation covers (periodiciteit).',
  values: {
    MONTH: { description: 'Maand, written 2023-06.' },
    QUARTER: { description: 'Kwartaal, written 2023-Q1.' },
    HALF_YEAR: { description: 'Halfjaar, written 2023-H1.' },
    YEAR: { description: 'Jaar, written 2023.' },
    YEAR_TO_DATE: { description: 'Year to date up to and including a month (lopend jaar), written 2023-10.' },
    CUMULATIVE: { description: 'Cumulative up to a date (cumulatief), written 2023-02-21.' },
  } as const,
});

export const ObservationStatusEnum = builder.enumType('ObservationStatus', {
  description: 'Whether a figure can still change (status cijfer).',
  values: {
    FINAL: { description: 'Definitief.' },
    PROVISIONAL: { description: 'Voorlopig (CBS marks these with *).' },
  } as const,
});

export const MemoOrderFieldEnum = builder.enumType('MemoOrderField', {
  description: 'What memos are sorted by (sorteerveld).',
  values: {
    DATE: { description: 'Datum of the memo; memos without a date come first when ascending.' },
    REFERENCE: { description: 'Kenmerk, as text.' },
    UPDATED_AT: { description: 'Last change in the register (laatst gewijzigd).' },
  } as const,
});

export const SortDirectionEnum = builder.enumType('SortDirection', {
  description: 'Sort direction (sorteervolgorde).',
  values: {
    ASC: { description: 'Oplopend.' },
    DESC: { description: 'Aflopend.' },
  } as const,
});
