/**
 * Findings the system proposes by comparing what was measured with what is licensed (SPEC §2). Pure:
 * plain facts in, proposals out; the inspector confirms, edits or discards them.
 */
import type { FindingCategory, Severity } from '../../models/Finding';
import { distanceKm, type LatLon } from './due';

/** Frequency tolerance by service, after ITU-R RR Appendix 2 (ppm of the carrier, or a fixed Hz value). */
const TOLERANCE: Record<string, { ppm?: number; hz?: number }> = {
  fm_broadcast: { hz: 2000 },
  tv_broadcast: { hz: 500 },
  land_mobile: { ppm: 5 },
  fixed_link: { ppm: 10 },
  amateur: { ppm: 20 },
  loudspeaker: { ppm: 20 },
  maritime: { ppm: 10 },
  aeronautical: { ppm: 20 },
  other: { ppm: 20 },
};

export function frequencyToleranceHz(service: string, frequencyHz: number): number {
  const t = TOLERANCE[service] ?? { ppm: 20 };
  return t.hz ?? ((t.ppm ?? 20) * frequencyHz) / 1e6;
}

export const ERP_MARGIN_DB = 1;
export const SITE_MARGIN_M = 100;

export interface LicensedFacts {
  /** null: no station or no licence at all. */
  licenceStatus: string | null;
  validTo: string | null;
  service: string;
  latitude: number;
  longitude: number;
  erpW: number;
  txFrequenciesHz: number[];
  bandwidthHz: number | null;
}

export interface MeasuredFacts {
  frequencyHz: number | null;
  frequencyErrorHz: number | null;
  bandwidthHz: number | null;
  erpW: number | null;
}

export interface Observation {
  position: LatLon | null;
  measurements: MeasuredFacts[];
  today: string;
}

export interface ProposedFinding {
  category: FindingCategory;
  severity: Severity;
  legalBasis: string;
  /** i18n key under inspections.proposed and its parameters. */
  reason: string;
  params: Record<string, number | string>;
}

const DECREE = 'Nghị định 15/2020/NĐ-CP';

function licenceProblem(l: LicensedFacts | null, today: string): ProposedFinding | null {
  if (!l || l.licenceStatus === null)
    return {
      category: 'unlicensed_operation',
      severity: 'critical',
      legalBasis: `${DECREE}, Điều 58`,
      reason: 'noLicence',
      params: {},
    };
  if (l.licenceStatus === 'expired' || (l.licenceStatus === 'issued' && l.validTo !== null && l.validTo < today)) {
    return {
      category: 'expired_licence',
      severity: 'major',
      legalBasis: `${DECREE}, Điều 58`,
      reason: 'expired',
      params: { validTo: l.validTo ?? '' },
    };
  }
  if (l.licenceStatus === 'suspended')
    return {
      category: 'unlicensed_operation',
      severity: 'critical',
      legalBasis: `${DECREE}, Điều 58`,
      reason: 'suspended',
      params: {},
    };
  if (l.licenceStatus !== 'issued')
    return {
      category: 'unlicensed_operation',
      severity: 'critical',
      legalBasis: `${DECREE}, Điều 58`,
      reason: 'notIssued',
      params: { status: l.licenceStatus },
    };
  return null;
}

/** The error of one reading: as measured, or against the nearest licensed transmit frequency. */
export function frequencyErrorOf(m: MeasuredFacts, licensedHz: number[]): number | null {
  if (m.frequencyErrorHz !== null) return m.frequencyErrorHz;
  if (m.frequencyHz === null || !licensedHz.length) return null;
  const measured = m.frequencyHz;
  return licensedHz.reduce(
    (best, f) => (Math.abs(measured - f) < Math.abs(best) ? measured - f : best),
    measured - (licensedHz[0] as number),
  );
}

/** Every proposal for one inspection; none for a compliant station. */
export function proposeFindings(l: LicensedFacts | null, o: Observation): ProposedFinding[] {
  const out: ProposedFinding[] = [];
  const lp = licenceProblem(l, o.today);
  if (lp) out.push(lp);
  if (!l) return out;

  const centre = l.txFrequenciesHz[0] ?? null;
  let worstFreq: { errorHz: number; toleranceHz: number } | null = null;
  for (const m of o.measurements) {
    const err = frequencyErrorOf(m, l.txFrequenciesHz);
    const ref = m.frequencyHz ?? centre;
    if (err === null || ref === null) continue;
    const tol = frequencyToleranceHz(l.service, ref);
    if (Math.abs(err) > tol && (!worstFreq || Math.abs(err) > Math.abs(worstFreq.errorHz)))
      worstFreq = { errorHz: err, toleranceHz: tol };
  }
  if (worstFreq)
    out.push({
      category: 'frequency_deviation',
      severity: 'major',
      legalBasis: `${DECREE}, Điều 59`,
      reason: 'frequency',
      params: { errorHz: Math.round(worstFreq.errorHz), toleranceHz: Math.round(worstFreq.toleranceHz) },
    });

  const erps = o.measurements.map((m) => m.erpW).filter((x): x is number => x !== null && x > 0);
  if (erps.length && l.erpW > 0) {
    const excessDb = 10 * Math.log10(Math.max(...erps) / l.erpW);
    if (excessDb > ERP_MARGIN_DB)
      out.push({
        category: 'excess_power',
        severity: excessDb > 3 ? 'major' : 'minor',
        legalBasis: `${DECREE}, Điều 59`,
        reason: 'erp',
        params: { excessDb: Math.round(excessDb * 10) / 10, measuredW: Math.max(...erps), licensedW: l.erpW },
      });
  }

  const bws = o.measurements.map((m) => m.bandwidthHz).filter((x): x is number => x !== null && x > 0);
  if (bws.length && l.bandwidthHz && Math.max(...bws) > l.bandwidthHz) {
    out.push({
      category: 'bandwidth_exceeded',
      severity: 'minor',
      legalBasis: `${DECREE}, Điều 59`,
      reason: 'bandwidth',
      params: { measuredHz: Math.max(...bws), licensedHz: l.bandwidthHz },
    });
  }

  if (o.position) {
    const metres = distanceKm(o.position, { latitude: l.latitude, longitude: l.longitude }) * 1000;
    if (metres > SITE_MARGIN_M)
      out.push({
        category: 'location_mismatch',
        severity: 'major',
        legalBasis: `${DECREE}, Điều 59`,
        reason: 'site',
        params: { metres: Math.round(metres) },
      });
  }
  return out;
}
