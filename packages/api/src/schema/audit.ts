import { GraphQLError } from 'graphql';
import { resolveCursorConnection } from '@pothos/plugin-relay';
import { countAuditEntries, listAuditEntries, type AuditLogRow } from '@notabene/db';
import { hasRole } from '../auth/viewer.js';
import { builder } from '../builder.js';
import { checkPageArgs, keyCursor, isInteger } from './cursors.js';

const AUDIT_CURSOR = keyCursor('audit', isInteger);

const AuditEntry = builder.objectRef<AuditLogRow>('AuditEntry').implement({
  description: 'One recorded change (auditregel): who changed what, when, and how.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Sequence number of the entry (volgnummer).' }),
    at: t.field({ type: 'DateTime', description: 'When (tijdstip).', resolve: (e) => e.at }),
    subject: t.exposeString('subject', { nullable: true, description: 'Who, by token subject (gebruiker); null for API keys.' }),
    role: t.exposeString('role', { description: 'Role used (rol).' }),
    apiKeyName: t.exposeString('api_key_name', { nullable: true, description: 'API key used, by name (API-sleutel).' }),
    operation: t.exposeString('operation', { description: 'Mutation (handeling), e.g. "updateMemo".' }),
    entityType: t.exposeString('entity_type', { description: 'Kind of object changed (soort object), e.g. "Memo".' }),
    entityId: t.exposeString('entity_id', { description: 'Database id of the object (object-id).' }),
    requestId: t.exposeString('request_id', { nullable: true, description: 'Request id, to match server logs (verzoek-id).' }),
    before: t.field({ type: 'JSON', nullable: true, description: 'Changed fields before the change (voor).', resolve: (e) => (JSON.parse(e.diff) as { before: unknown }).before }),
    after: t.field({ type: 'JSON', nullable: true, description: 'Changed fields after the change (na).', resolve: (e) => (JSON.parse(e.diff) as { after: unknown }).after }),
  }),
});

const AuditLogFilter = builder.inputType('AuditLogFilter', {
  description: 'Narrows the audit log (filter auditlog).',
  fields: (t) => ({
    entityType: t.string({ required: false, description: 'Kind of object (soort object).' }),
    entityId: t.string({ required: false, description: 'Database id of the object (object-id).' }),
    subject: t.string({ required: false, description: 'Token subject (gebruiker).' }),
    operation: t.string({ required: false, description: 'Mutation name (handeling).' }),
    since: t.field({ type: 'DateTime', required: false, description: 'At or after (vanaf).' }),
  }),
});

builder.queryFields((t) => ({
  auditLog: t.connection(
    {
      type: AuditEntry,
      description: 'Every change to the register, newest first (auditlog). Admin only.',
      args: { filter: t.arg({ type: AuditLogFilter, required: false }) },
      resolve: async (_root, args, ctx) => {
        if (!hasRole(ctx.viewer, 'admin')) {
          throw new GraphQLError('The audit log needs the admin role.', { extensions: { code: 'FORBIDDEN', http: { status: 200 } } });
        }
        checkPageArgs(args);
        const filter = {
          entityType: args.filter?.entityType ?? null,
          entityId: args.filter?.entityId ?? null,
          subject: args.filter?.subject ?? null,
          operation: args.filter?.operation ?? null,
          since: args.filter?.since == null ? null : new Date(args.filter.since).toISOString(),
        };
        const after = AUDIT_CURSOR.decode(args.after);
        const before = AUDIT_CURSOR.decode(args.before);
        const page = await resolveCursorConnection<Promise<AuditLogRow[]>>(
          { args, toCursor: (e) => AUDIT_CURSOR.encode(e.id) },
          ({ limit, inverted }) => listAuditEntries(ctx.conn.db, filter, { after, before, limit, inverted }),
        );
        return { ...page, totalCount: () => countAuditEntries(ctx.conn.db, filter) };
      },
    },
    {
      name: 'AuditEntryConnection',
      description: 'A page of audit entries.',
      fields: (t) => ({ totalCount: t.int({ description: 'Entries matching the filter (totaal).', resolve: (c) => c.totalCount() }) }),
    },
    { name: 'AuditEntryEdge', description: 'An audit entry in a page.' },
  ),
}));
