import type { AuditChanges, AuditEvent } from '../../models/AuditEvent';

export interface AuditView {
  id: number;
  at: string;
  actorId: number | null;
  actor: string | null;
  ip: string | null;
  userAgent: string | null;
  entity: string;
  entityId: string;
  action: string;
  changes: AuditChanges;
}

export function presentAuditEvent(e: AuditEvent, actors?: Map<number, string>): AuditView {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actor: e.actorId != null ? (actors?.get(e.actorId) ?? null) : null,
    ip: e.ip,
    userAgent: e.userAgent,
    entity: e.entity,
    entityId: e.entityId,
    action: e.action,
    changes: e.changes,
  };
}

/** A value of a change as text for a page. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}
