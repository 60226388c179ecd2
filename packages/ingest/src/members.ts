// Members of the Tweede Kamer that memos refer to as "lid X". Only used when the text itself does
// not print the party. Parties are those of the member's fraction at the time memos in our
// sample name them: Piri is listed as PvdA (the party she was elected for, and the fraction in
// June 2023 when the J&V memo mentions her) rather than the later joint GroenLinks-PvdA fraction.
export interface KnownMember {
  surname: string;
  party: string;
}

export const KNOWN_MEMBERS: KnownMember[] = [
  { surname: 'Ceder', party: 'ChristenUnie' },
  { surname: 'Piri', party: 'PvdA' },
  { surname: 'Markuszower', party: 'PVV' },
  { surname: 'Wilders', party: 'PVV' },
  { surname: 'Bikker', party: 'ChristenUnie' },
  { surname: 'Omtzigt', party: 'NSC' },
  { surname: 'Timmermans', party: 'GroenLinks-PvdA' },
  { surname: 'Bontenbal', party: 'CDA' },
  { surname: 'Jetten', party: 'D66' },
  { surname: 'Van der Plas', party: 'BBB' },
  { surname: 'Dassen', party: 'Volt' },
  { surname: 'Eerdmans', party: 'JA21' },
  { surname: 'Stoffer', party: 'SGP' },
  { surname: 'Van Baarle', party: 'DENK' },
  { surname: 'Dijk', party: 'SP' },
  { surname: 'Ouwehand', party: 'PvdD' },
  { surname: 'Brekelmans', party: 'VVD' },
  { surname: 'Podt', party: 'D66' },
  { surname: 'Van Nispen', party: 'SP' },
  { surname: 'Koekkoek', party: 'Volt' },
  { surname: 'Boswijk', party: 'CDA' },
];

const BY_SURNAME = new Map(KNOWN_MEMBERS.map((m) => [m.surname.toLowerCase(), m]));

/** The party of a known member by surname, case-insensitive ("van der Plas" = "Van der Plas"). */
export function partyOfMember(surname: string): string | null {
  return BY_SURNAME.get(surname.trim().replace(/\s+/g, ' ').toLowerCase())?.party ?? null;
}
