/** Channel finder results as JSON (the API) and as rows for the page (words in the user's language). */
import type { Formatter } from '../../lib/format';
import type { ChannelResult, FinderResult } from './planning.service';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** One channel as the API answers it (SPEC §12; the ranking figures under `harm`). */
export function presentChannel(c: ChannelResult) {
  return {
    frequencyHz: c.frequencyHz,
    occupiedLowHz: c.occupiedLowHz,
    occupiedHighHz: c.occupiedHighHz,
    status: c.status,
    // Absent when no related assignment is within reach (planning.service.ts file comment).
    ...(c.worstMarginDb === null ? {} : { worstMarginDb: c.worstMarginDb }),
    conflicts: c.conflicts,
    bandPlanCheck: c.bandPlanCheck,
    harm: c.harm,
  };
}

export function presentMeta(r: FinderResult) {
  return { channels: r.channels.length, ...r.counts, neighbours: r.neighbours, elapsedMs: r.elapsedMs };
}

/** Where one click on a channel leads: the station's new assignment form, filled with the channel. */
export function assignHref(stationId: number | undefined, frequencyHz: number, r: FinderResult): string | null {
  if (!stationId) return null;
  const q = new URLSearchParams({ frequencyHz: String(frequencyHz), bandwidthHz: String(r.input.bandwidthHz) });
  if (r.input.emissionDesignator) q.set('emissionDesignator', r.input.emissionDesignator.designator);
  return `/stations/${stationId}/assignments/new?${q.toString()}`;
}

/** The worst margin in words ("worst margin +12.3 dB"), or that no related assignment is within reach. */
export function marginText(c: ChannelResult, t: Translate, fmt: Formatter): string {
  if (c.worstMarginDb === null) return t('planning.noMargin');
  const sign = c.worstMarginDb > 0 ? '+' : c.worstMarginDb < 0 ? '−' : '';
  return t('planning.margin', { margin: `${sign}${fmt.number(Math.abs(c.worstMarginDb), 1)}` });
}

/** Rows for the page's list, in the ranking's order, each saying why the channel is blocked. */
export function presentRows(r: FinderResult, t: Translate, fmt: Formatter) {
  return r.channels.map((c, i) => {
    const why =
      c.status === 'not_allowed'
        ? c.bandPlanCheck.reasons.map((k) => t(`bandPlanCheck.reasons.${k}`))
        : c.conflicts.map((x) =>
            t('formula' in x ? 'planning.whyIntermod' : 'planning.why', {
              formula: 'formula' in x ? x.formula : '',
              kind: t(`conflicts.kinds.${x.kind}`),
              mechanism: t(`conflicts.mechanisms.${x.mechanism}`),
              direction: t(x.candidateIs === 'victim' ? 'conflicts.wouldSuffer' : 'conflicts.wouldCause'),
              station: x.other?.stationName ?? `#${x.candidateIs === 'victim' ? x.interfererId : x.victimId}`,
              frequency: fmt.frequency(x.other?.frequencyHz ?? null),
              severity: t(`conflicts.severities.${x.severity}`),
              overlap: fmt.number(100 * x.overlapFraction, 1),
            }),
          );
    const warnings =
      c.status === 'not_allowed' ? [] : c.bandPlanCheck.reasons.map((k) => t(`bandPlanCheck.reasons.${k}`));
    return {
      rank: i + 1,
      frequencyHz: c.frequencyHz,
      frequency: fmt.frequency(c.frequencyHz),
      status: c.status,
      statusLabel: t(`planning.statuses.${c.status}`),
      severity: c.harm.worstSeverity,
      severityLabel: c.harm.worstSeverity ? t(`conflicts.severities.${c.harm.worstSeverity}`) : '',
      conflictCount: c.conflicts.length,
      margin: c.status === 'not_allowed' ? '' : marginText(c, t, fmt),
      why,
      warnings,
      href: assignHref(r.input.stationId, c.frequencyHz, r),
    };
  });
}

/** The chart's data (public/js/planning.js): one point per channel along the band. */
export function chartSpec(r: FinderResult, t: Translate, fmt: Formatter) {
  const points = (status: ChannelResult['status']) =>
    r.channels
      .filter((c) => c.status === status)
      .map((c) => ({
        x: c.frequencyHz / 1e6,
        y: c.conflicts.length,
        href: assignHref(r.input.stationId, c.frequencyHz, r),
        // Shown in the point's tooltip (public/js/planning.js).
        ...(status === 'not_allowed' ? {} : { margin: marginText(c, t, fmt) }),
      }))
      .sort((a, b) => a.x - b.x);
  return {
    xTitle: t('planning.chart.x'),
    yTitle: t('planning.chart.y'),
    datasets: (['free', 'conflicts', 'not_allowed'] as const).map((s) => ({
      status: s,
      label: `${t(`planning.statuses.${s}`)} (${r.channels.filter((c) => c.status === s).length})`,
      data: points(s),
    })),
  };
}
