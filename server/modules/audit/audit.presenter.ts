import type { ListExport } from '../../lib/export';
import type { AuditChanges, AuditEvent } from '../../models/AuditEvent';

export interface AuditView {
  id: number;
  at: string;
  actorId: number | null;
  actor: string | null;
  /** Only in the admin's view (/admin/audit): staff see who and when, not another person's address. */
  ip?: string | null;
  userAgent?: string | null;
  entity: string;
  entityId: string;
  action: string;
  changes: AuditChanges;
}

/** An audit event for a record's history, as every signed-in role sees it: who and when, no IP or user agent. */
export function presentAuditEvent(e: AuditEvent, actors?: Map<number, string>): AuditView {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actor: e.actorId != null ? (actors?.get(e.actorId) ?? e.actor?.fullName ?? null) : null,
    entity: e.entity,
    entityId: e.entityId,
    action: e.action,
    changes: e.changes,
  };
}

/** An audit event with the acting client's IP address and user agent: for the admin's audit log only. */
export function presentAuditEventForAdmin(e: AuditEvent, actors?: Map<number, string>): AuditView {
  return { ...presentAuditEvent(e, actors), ip: e.ip, userAgent: e.userAgent };
}

/** A value of a change as text for a page. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** The audit log export (SPEC §10.3, administrators only, as the log): one row per event, changes as JSON. */
export const AUDIT_EXPORT: ListExport<{ event: AuditEvent; actors: Map<number, string> }> = {
  name: 'audit',
  csv: {
    columns: ['id', 'at', 'actorId', 'actor', 'ip', 'userAgent', 'entity', 'entityId', 'action', 'changes'],
    text: ['actor', 'userAgent', 'entityId', 'changes'],
    row: ({ event, actors }) => ({ ...presentAuditEventForAdmin(event, actors) }),
  },
};
