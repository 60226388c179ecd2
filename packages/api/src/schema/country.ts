import type { CountryRow } from '@notabene/db';
import { builder } from '../builder.js';

export const Country = builder.objectRef<CountryRow>('Country').implement({
  description: 'A country (land), ISO 3166-1.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'ISO 3166-1 alpha-2 code (landcode), e.g. "MA".' }),
    name: t.exposeString('name', { description: 'Dutch name (naam), e.g. "Marokko".' }),
  }),
});
