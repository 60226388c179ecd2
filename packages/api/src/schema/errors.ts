// Errors a client is expected to handle are typed results of mutations, not GraphQL errors.
import { builder } from '../builder.js';
import type { Issue, WriteOutcome } from '../writes.js';

export interface ErrorShape {
  __typename: 'ValidationError' | 'NotFoundError' | 'VersionConflictError' | 'ForbiddenError' | 'NotAMemoError';
  message: string;
  issues?: Issue[];
  id?: string;
  currentVersion?: number;
  requiredRole?: string;
  code?: string;
  warnings?: string[];
}

export const ErrorInterface = builder.interfaceRef<ErrorShape>('Error').implement({
  description: 'An error a client is expected to handle (fout), returned as a mutation result.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, for people (melding).' }),
  }),
});

const ValidationIssue = builder.objectRef<Issue>('ValidationIssue').implement({
  description: 'One problem with the input (invoerfout).',
  fields: (t) => ({
    path: t.exposeStringList('path', { description: 'Where in the input, e.g. ["input", "sections", "2", "withheld", "ground"] (veld).' }),
    message: t.exposeString('message', { description: 'What is wrong with it (melding).' }),
  }),
});

export const ValidationError = builder.objectRef<ErrorShape>('ValidationError').implement({
  description: 'The input was refused; every problem is listed and nothing was written (validatiefout).',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => (v as ErrorShape).__typename === 'ValidationError',
  fields: (t) => ({
    issues: t.field({ type: [ValidationIssue], description: 'Each problem with its field path (invoerfouten).', resolve: (e) => e.issues ?? [] }),
  }),
});

export const NotFoundError = builder.objectRef<ErrorShape>('NotFoundError').implement({
  description: 'No such object, or not one the caller may see (niet gevonden).',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => (v as ErrorShape).__typename === 'NotFoundError',
  fields: (t) => ({ id: t.string({ description: 'The id asked for (id).', resolve: (e) => e.id ?? '' }) }),
});

export const VersionConflictError = builder.objectRef<ErrorShape>('VersionConflictError').implement({
  description: 'The memo changed since the caller read it; nothing was written (versieconflict). Re-read and retry.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => (v as ErrorShape).__typename === 'VersionConflictError',
  fields: (t) => ({ currentVersion: t.int({ description: 'The version now stored (huidige versie).', resolve: (e) => e.currentVersion ?? 0 }) }),
});

export const ForbiddenError = builder.objectRef<ErrorShape>('ForbiddenError').implement({
  description: 'The caller\'s role may not do this (geen toegang).',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => (v as ErrorShape).__typename === 'ForbiddenError',
  fields: (t) => ({ requiredRole: t.string({ description: 'The role needed (vereiste rol).', resolve: (e) => e.requiredRole ?? 'editor' }) }),
});

export const NotAMemoError = builder.objectRef<ErrorShape>('NotAMemoError').implement({
  description: 'The text is not a memo, or cannot be stored as one (geen nota), e.g. a Woo decision letter.',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => (v as ErrorShape).__typename === 'NotAMemoError',
  fields: (t) => ({
    code: t.string({ description: 'NOT_A_MEMO, EMPTY_TEXT or NO_REFERENCE (reden).', resolve: (e) => e.code ?? 'NOT_A_MEMO' }),
    warnings: t.stringList({ description: 'What the importer noticed (waarschuwingen).', resolve: (e) => e.warnings ?? [] }),
  }),
});

/** A failed write outcome as the error result it stands for. */
export function errorResult(outcome: Exclude<WriteOutcome<unknown>, { ok: true }>): ErrorShape {
  switch (outcome.error) {
    case 'VALIDATION':
      return { __typename: 'ValidationError', message: `The input has ${outcome.issues.length} problem(s); nothing was written.`, issues: outcome.issues };
    case 'NOT_FOUND':
      return { __typename: 'NotFoundError', message: `No memo with id ${outcome.id}.`, id: outcome.id };
    case 'VERSION_CONFLICT':
      return { __typename: 'VersionConflictError', message: `The memo is at version ${outcome.currentVersion}; re-read it and try again.`, currentVersion: outcome.currentVersion };
    case 'FORBIDDEN':
      return { __typename: 'ForbiddenError', message: outcome.message, requiredRole: outcome.requiredRole };
  }
}
