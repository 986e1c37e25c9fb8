/** Fee records as plain objects, for pages and the API (SPEC §11). Money is whole đồng (numbers). */
import type { FeeExemption, FeeNotice, FeePayment, FeeScheduleRow, FeeSettings } from '../../models/fee-models';

const num = (v: unknown): number | null => (v == null ? null : Number(v));

export function presentScheduleRow(r: FeeScheduleRow) {
  return {
    id: r.id,
    effectiveFrom: r.effectiveFrom,
    kind: r.kind,
    licenceType: r.licenceType,
    service: r.service,
    bandwidthMinHz: num(r.bandwidthMinHz),
    bandwidthMaxHz: num(r.bandwidthMaxHz),
    erpMinW: num(r.erpMinW),
    erpMaxW: num(r.erpMaxW),
    amountVnd: Number(r.amountVnd),
    placeholder: Boolean(r.placeholder),
    legalBasis: r.legalBasis,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function presentExemption(e: FeeExemption) {
  return {
    id: e.id,
    effectiveFrom: e.effectiveFrom,
    service: e.service,
    licenseeKind: e.licenseeKind,
    legalBasis: e.legalBasis,
    note: e.note,
    version: e.version,
  };
}

export function presentSettings(s: FeeSettings) {
  return { requirePaymentBeforeIssue: Boolean(s.requirePaymentBeforeIssue), dueDays: s.dueDays, version: s.version };
}

export function presentPayment(p: FeePayment) {
  return {
    id: p.id,
    noticeId: p.noticeId,
    paidOn: p.paidOn,
    amountVnd: Number(p.amountVnd),
    reference: p.reference,
    recordedById: p.recordedById,
    createdAt: p.createdAt.toISOString(),
  };
}

export function presentNotice(n: FeeNotice) {
  const total = Number(n.totalVnd);
  const paid = Number(n.paidVnd);
  return {
    id: n.id,
    number: n.number,
    licenceId: n.licenceId,
    licenceNumber: n.licence?.number ?? null,
    licenseeName: n.licence?.licensee?.name ?? null,
    revision: n.revision,
    kind: n.kind,
    service: n.service,
    periodFrom: n.periodFrom,
    periodTo: n.periodTo,
    issuedOn: n.issuedOn,
    dueDate: n.dueDate,
    lines: n.lines.map((l) => ({
      kind: l.kind,
      description: l.description,
      amountVnd: l.amountVnd,
      scheduleRowId: l.scheduleRowId,
      rateVnd: l.rateVnd,
      stationId: l.stationId ?? null,
      stationName: l.stationName ?? null,
      exemptionId: l.exemptionId ?? null,
      days: l.days ?? null,
      daysInYear: l.daysInYear ?? null,
      placeholder: Boolean(l.placeholder),
    })),
    totalVnd: total,
    paidVnd: paid,
    remainingVnd: n.status === 'due' || n.status === 'overdue' ? total - paid : 0,
    status: n.status,
    placeholder: Boolean(n.placeholder),
    waivedReason: n.waivedReason ?? null,
    waivedById: n.waivedById ?? null,
    waivedAt: n.waivedAt ? n.waivedAt.toISOString() : null,
    paidAt: n.paidAt ?? null,
    payments: n.payments ? n.payments.map(presentPayment) : undefined,
    version: n.version,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}
export type NoticeView = ReturnType<typeof presentNotice>;
