import type { Country } from './types.js';

// ISO 3166-1 alpha-2 with the Dutch short names (as used by the Dutch government and the
// Taalunie). Kept as one code|name line per country: easy to diff against the ISO list.
const ISO_3166_NL = `
AD|Andorra
AE|Verenigde Arabische Emiraten
AF|Afghanistan
AG|Antigua en Barbuda
AI|Anguilla
AL|Albanië
AM|Armenië
AO|Angola
AQ|Antarctica
AR|Argentinië
AS|Amerikaans-Samoa
AT|Oostenrijk
AU|Australië
AW|Aruba
AX|Åland
AZ|Azerbeidzjan
BA|Bosnië en Herzegovina
BB|Barbados
BD|Bangladesh
BE|België
BF|Burkina Faso
BG|Bulgarije
BH|Bahrein
BI|Burundi
BJ|Benin
BL|Saint-Barthélemy
BM|Bermuda
BN|Brunei
BO|Bolivia
BQ|Caribisch Nederland
BR|Brazilië
BS|Bahama's
BT|Bhutan
BV|Bouveteiland
BW|Botswana
BY|Belarus
BZ|Belize
CA|Canada
CC|Cocoseilanden
CD|Congo-Kinshasa
CF|Centraal-Afrikaanse Republiek
CG|Congo-Brazzaville
CH|Zwitserland
CI|Ivoorkust
CK|Cookeilanden
CL|Chili
CM|Kameroen
CN|China
CO|Colombia
CR|Costa Rica
CU|Cuba
CV|Kaapverdië
CW|Curaçao
CX|Christmaseiland
CY|Cyprus
CZ|Tsjechië
DE|Duitsland
DJ|Djibouti
DK|Denemarken
DM|Dominica
DO|Dominicaanse Republiek
DZ|Algerije
EC|Ecuador
EE|Estland
EG|Egypte
EH|Westelijke Sahara
ER|Eritrea
ES|Spanje
ET|Ethiopië
FI|Finland
FJ|Fiji
FK|Falklandeilanden
FM|Micronesia
FO|Faeröer
FR|Frankrijk
GA|Gabon
GB|Verenigd Koninkrijk
GD|Grenada
GE|Georgië
GF|Frans-Guyana
GG|Guernsey
GH|Ghana
GI|Gibraltar
GL|Groenland
GM|Gambia
GN|Guinee
GP|Guadeloupe
GQ|Equatoriaal-Guinea
GR|Griekenland
GS|Zuid-Georgia en de Zuidelijke Sandwicheilanden
GT|Guatemala
GU|Guam
GW|Guinee-Bissau
GY|Guyana
HK|Hongkong
HM|Heard en McDonaldeilanden
HN|Honduras
HR|Kroatië
HT|Haïti
HU|Hongarije
ID|Indonesië
IE|Ierland
IL|Israël
IM|Isle of Man
IN|India
IO|Brits Indische Oceaanterritorium
IQ|Irak
IR|Iran
IS|IJsland
IT|Italië
JE|Jersey
JM|Jamaica
JO|Jordanië
JP|Japan
KE|Kenia
KG|Kirgizië
KH|Cambodja
KI|Kiribati
KM|Comoren
KN|Saint Kitts en Nevis
KP|Noord-Korea
KR|Zuid-Korea
KW|Koeweit
KY|Kaaimaneilanden
KZ|Kazachstan
LA|Laos
LB|Libanon
LC|Saint Lucia
LI|Liechtenstein
LK|Sri Lanka
LR|Liberia
LS|Lesotho
LT|Litouwen
LU|Luxemburg
LV|Letland
LY|Libië
MA|Marokko
MC|Monaco
MD|Moldavië
ME|Montenegro
MF|Saint-Martin
MG|Madagaskar
MH|Marshalleilanden
MK|Noord-Macedonië
ML|Mali
MM|Myanmar
MN|Mongolië
MO|Macau
MP|Noordelijke Marianen
MQ|Martinique
MR|Mauritanië
MS|Montserrat
MT|Malta
MU|Mauritius
MV|Maldiven
MW|Malawi
MX|Mexico
MY|Maleisië
MZ|Mozambique
NA|Namibië
NC|Nieuw-Caledonië
NE|Niger
NF|Norfolk
NG|Nigeria
NI|Nicaragua
NL|Nederland
NO|Noorwegen
NP|Nepal
NR|Nauru
NU|Niue
NZ|Nieuw-Zeeland
OM|Oman
PA|Panama
PE|Peru
PF|Frans-Polynesië
PG|Papoea-Nieuw-Guinea
PH|Filipijnen
PK|Pakistan
PL|Polen
PM|Saint-Pierre en Miquelon
PN|Pitcairneilanden
PR|Puerto Rico
PS|Palestina
PT|Portugal
PW|Palau
PY|Paraguay
QA|Qatar
RE|Réunion
RO|Roemenië
RS|Servië
RU|Rusland
RW|Rwanda
SA|Saoedi-Arabië
SB|Salomonseilanden
SC|Seychellen
SD|Soedan
SE|Zweden
SG|Singapore
SH|Sint-Helena, Ascension en Tristan da Cunha
SI|Slovenië
SJ|Spitsbergen en Jan Mayen
SK|Slowakije
SL|Sierra Leone
SM|San Marino
SN|Senegal
SO|Somalië
SR|Suriname
SS|Zuid-Soedan
ST|Sao Tomé en Principe
SV|El Salvador
SX|Sint Maarten
SY|Syrië
SZ|Eswatini
TC|Turks- en Caicoseilanden
TD|Tsjaad
TF|Franse Zuidelijke en Antarctische Gebieden
TG|Togo
TH|Thailand
TJ|Tadzjikistan
TK|Tokelau
TL|Oost-Timor
TM|Turkmenistan
TN|Tunesië
TO|Tonga
TR|Turkije
TT|Trinidad en Tobago
TV|Tuvalu
TW|Taiwan
TZ|Tanzania
UA|Oekraïne
UG|Oeganda
UM|Kleine afgelegen eilanden van de Verenigde Staten
US|Verenigde Staten
UY|Uruguay
UZ|Oezbekistan
VA|Vaticaanstad
VC|Saint Vincent en de Grenadines
VE|Venezuela
VG|Britse Maagdeneilanden
VI|Amerikaanse Maagdeneilanden
VN|Vietnam
VU|Vanuatu
WF|Wallis en Futuna
WS|Samoa
YE|Jemen
YT|Mayotte
ZA|Zuid-Afrika
ZM|Zambia
ZW|Zimbabwe
`;

export const COUNTRIES: Country[] = ISO_3166_NL.trim()
  .split('\n')
  .map((line) => {
    const [code = '', name = ''] = line.split('|');
    return { code, name };
  });

const COUNTRY_BY_CODE = new Map(COUNTRIES.map((c) => [c.code, c]));

export function findCountry(code: string): Country | null {
  return COUNTRY_BY_CODE.get(code.trim().toUpperCase()) ?? null;
}

// Other names in use for the same country; detection only.
const ALIASES: Record<string, string[]> = {
  BA: ['Bosnië-Herzegovina'],
  BY: ['Wit-Rusland'],
  CD: ['Democratische Republiek Congo', 'DR Congo'],
  CG: ['Republiek Congo'],
  CI: ["Côte d'Ivoire"],
  CZ: ['Tsjechische Republiek'],
  GB: ['Groot-Brittannië'],
  KG: ['Kirgizstan'],
  MD: ['Moldova'],
  MK: ['Macedonië'],
  MM: ['Birma'],
  PS: ['Palestijnse Gebieden', 'Westelijke Jordaanoever', 'Gazastrook'],
  SA: ['Saudi-Arabië'],
  SZ: ['Swaziland'],
  TL: ['Timor-Leste'],
  TR: ['Türkiye'],
  US: ['Verenigde Staten van Amerika'],
  VA: ['Vaticaan'],
};

// Demonyms (noun singular/plural, adjective forms) for the countries that migration memos talk
// about most. Deliberately left out: forms that are also everyday words or first names ("Frans",
// "Duits" as a language is fine but "Frans" is a first name), and NL (see EXCLUDED_FROM_DETECTION).
const DEMONYMS: Record<string, string[]> = {
  AF: ['Afghaan', 'Afghanen', 'Afghaans', 'Afghaanse'],
  AL: ['Albanees', 'Albanezen', 'Albanese'],
  BE: ['Belg', 'Belgen', 'Belgisch', 'Belgische'],
  CN: ['Chinees', 'Chinezen', 'Chinese'],
  CO: ['Colombiaan', 'Colombianen', 'Colombiaans', 'Colombiaanse'],
  DE: ['Duitser', 'Duitsers', 'Duitse'],
  DZ: ['Algerijn', 'Algerijnen', 'Algerijns', 'Algerijnse'],
  EG: ['Egyptenaar', 'Egyptenaren', 'Egyptisch', 'Egyptische'],
  ER: ['Eritreeër', 'Eritreeërs', 'Eritrees', 'Eritrese'],
  ET: ['Ethiopiër', 'Ethiopiërs', 'Ethiopisch', 'Ethiopische'],
  GE: ['Georgiër', 'Georgiërs', 'Georgisch', 'Georgische'],
  IQ: ['Irakees', 'Irakezen', 'Iraaks', 'Iraakse'],
  IR: ['Iraniër', 'Iraniërs', 'Iraans', 'Iraanse'],
  LB: ['Libanees', 'Libanezen', 'Libanese'],
  LY: ['Libiër', 'Libiërs', 'Libisch', 'Libische'],
  MA: ['Marokkaan', 'Marokkanen', 'Marokkaans', 'Marokkaanse'],
  NG: ['Nigeriaan', 'Nigerianen', 'Nigeriaans', 'Nigeriaanse'],
  PK: ['Pakistaan', 'Pakistanen', 'Pakistaans', 'Pakistaanse'],
  PL: ['Pool', 'Polen', 'Pools', 'Poolse'],
  RU: ['Rus', 'Russen', 'Russisch', 'Russische'],
  SD: ['Soedanees', 'Soedanezen', 'Soedanese'],
  SO: ['Somaliër', 'Somaliërs', 'Somalisch', 'Somalische'],
  SR: ['Surinamer', 'Surinamers', 'Surinaams', 'Surinaamse'],
  SY: ['Syriër', 'Syriërs', 'Syrisch', 'Syrische'],
  TN: ['Tunesiër', 'Tunesiërs', 'Tunesisch', 'Tunesische'],
  TR: ['Turk', 'Turken', 'Turkse'],
  UA: ['Oekraïner', 'Oekraïners', 'Oekraïens', 'Oekraïense'],
  YE: ['Jemeniet', 'Jemenieten', 'Jemenitisch', 'Jemenitische'],
};

// "Nederland" (and its demonyms) appears in nearly every memo as the acting state, so listing it
// says nothing about what a memo is about; the Caribbean parts (BQ, AW, CW, SX) are still listed.
export const EXCLUDED_FROM_DETECTION: readonly string[] = ['NL'];

const DETECTION = new Map<string, string>();
let longestKeyWords = 1;
function addKey(name: string, code: string): void {
  if (EXCLUDED_FROM_DETECTION.includes(code)) return;
  DETECTION.set(name, code);
  longestKeyWords = Math.max(longestKeyWords, wordsOf(name).length);
}
function wordsOf(s: string): string[] {
  return s.match(/[\p{L}\p{M}]+/gu) ?? [];
}
for (const c of COUNTRIES) addKey(c.name, c.code);
for (const [code, names] of Object.entries(ALIASES)) for (const n of names) addKey(n, code);
for (const [code, names] of Object.entries(DEMONYMS)) for (const n of names) addKey(n, code);

/**
 * ISO codes of countries named in the text (names, aliases, demonyms), whole words only and
 * case-sensitive (country names are capitalised in Dutch), in order of first mention.
 * Longest match wins, so "Papoea-Nieuw-Guinea" is not also "Guinee"-like and "Amerikaans-Samoa"
 * is not "Samoa". Linear in the text length: no per-country regex passes.
 */
export function detectCountries(text: string): string[] {
  const tokens: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    tokens.push({ start: m.index, end: m.index + m[0].length });
  }
  const found: string[] = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i]!;
    const ch = text[first.start] ?? '';
    let matched = 0;
    if (ch !== ch.toLowerCase() || ch === "'") {
      for (let n = Math.min(longestKeyWords, tokens.length - i); n >= 1 && matched === 0; n--) {
        const last = tokens[i + n - 1]!;
        // Names may be written across a line break; compare with single spaces.
        const candidate = text.slice(first.start, last.end).replace(/\s+/g, ' ');
        if (candidate.length > 80) continue;
        let code = DETECTION.get(candidate);
        // "Bahama's", "Côte d'Ivoire": the apostrophe is part of the name.
        if (!code && text[last.end] === "'") {
          const withS = text.slice(first.start, last.end + 2).replace(/\s+/g, ' ');
          code = DETECTION.get(withS);
        }
        if (code) {
          matched = n;
          if (!seen.has(code)) {
            seen.add(code);
            found.push(code);
          }
        }
      }
    }
    i += matched > 0 ? matched : 1;
  }
  return found;
}
