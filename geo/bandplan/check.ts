/**
 * Band-plan check of a TX assignment (SPEC §4.6, with half-open occupied ranges per §4.7.4): its
 * occupied range must lie inside one band-plan entry that allows its service, and its centre should sit
 * on that entry's channel raster. A failed check is a warning for a manager to acknowledge, not a refusal.
 */

export interface BandPlanBand {
  id: number;
  lowHz: number;
  highHz: number;
  services: string[];
  channelRasterHz: number | null;
  note: string;
}

/** A half-open frequency range [lowHz, highHz). */
export interface OccupiedRange {
  lowHz: number;
  highHz: number;
}

export type BandPlanReason =
  'outside_plan' | 'straddles_band_edge' | 'service_not_allowed' | 'off_raster' | 'wider_than_channel';

export interface BandPlanCheck {
  status: 'ok' | 'warning';
  band: { id: number; lowHz: number; highHz: number; note: string; channelRasterHz: number | null } | null;
  allowed: boolean;
  onRaster: boolean | null;
  reasons: BandPlanReason[];
}

/**
 * Occupied range R = [centre − w/2, centre + w/2) with w = max(bandwidthHz, necessaryBandwidthHz),
 * each edge rounded to the nearest Hz with Math.round (SPEC §4.4, §4.7.4: half-open).
 * E.g. (160 012 500, 12 500, 11 000) → [160 006 250, 160 018 750). Throws a RangeError on a
 * non-finite or negative input.
 */
export function occupiedRangeHz(
  centreHz: number,
  bandwidthHz: number,
  necessaryBandwidthHz: number | null,
): OccupiedRange {
  if (!Number.isFinite(centreHz)) throw new RangeError(`centreHz must be a finite number, got ${centreHz}`);
  if (!Number.isFinite(bandwidthHz) || bandwidthHz < 0)
    throw new RangeError(`bandwidthHz must be a finite number ≥ 0, got ${bandwidthHz}`);
  if (necessaryBandwidthHz !== null && (!Number.isFinite(necessaryBandwidthHz) || necessaryBandwidthHz < 0)) {
    throw new RangeError(`necessaryBandwidthHz must be null or a finite number ≥ 0, got ${necessaryBandwidthHz}`);
  }
  const widthHz = Math.max(bandwidthHz, necessaryBandwidthHz ?? 0);
  return { lowHz: Math.round(centreHz - widthHz / 2), highHz: Math.round(centreHz + widthHz / 2) };
}

/** [r.low, r.high) ⊆ [band.low, band.high); a range ending exactly at the band's upper edge is inside. */
function contains(band: BandPlanBand, r: OccupiedRange): boolean {
  return band.lowHz <= r.lowHz && r.highHz <= band.highHz;
}

/** Length of [r.low, r.high) ∩ [band.low, band.high), Hz (0 when they only touch or are apart). */
function overlapHz(band: BandPlanBand, r: OccupiedRange): number {
  return Math.max(0, Math.min(band.highHz, r.highHz) - Math.max(band.lowHz, r.lowHz));
}

function widthHz(band: BandPlanBand): number {
  return band.highHz - band.lowHz;
}

/** The narrowest of the bands (first in the given order on a tie), or null. */
function narrowest(bands: readonly BandPlanBand[]): BandPlanBand | null {
  let best: BandPlanBand | null = null;
  for (const b of bands) if (best === null || widthHz(b) < widthHz(best)) best = b;
  return best;
}

/** The band overlapping r the most (then the narrowest, then the first in the given order), or null. */
function mostOverlapping(bands: readonly BandPlanBand[], r: OccupiedRange): BandPlanBand | null {
  let best: BandPlanBand | null = null;
  for (const b of bands) {
    if (best === null) {
      best = b;
      continue;
    }
    const d = overlapHz(b, r) - overlapHz(best, r);
    if (d > 0 || (d === 0 && widthHz(b) < widthHz(best))) best = b;
  }
  return best;
}

/** valueHz is a multiple of stepHz, allowing for floating-point residue on non-integer inputs. */
function isMultiple(valueHz: number, stepHz: number): boolean {
  const rem = ((valueHz % stepHz) + stepHz) % stepHz;
  const tolerance = 1e-6;
  return rem <= tolerance || stepHz - rem <= tolerance;
}

/**
 * Whether centre frequency f sits on the raster r of a band starting at lowHz: (f − lowHz) is a multiple
 * of r, or — for a channel no wider than one raster step (bandwidthHz ≤ r) — (f − lowHz − r/2) is a
 * multiple of r, i.e. f is the centre of a raster-wide slot starting at the band edge (8 MHz TV channel
 * 470–478 MHz centred at 474 MHz). A wider channel (FM 200 kHz on a 100 kHz raster) must sit on a raster line.
 */
function centreOnRaster(centreHz: number, bandwidthHz: number, lowHz: number, rasterHz: number): boolean {
  const offsetHz = centreHz - lowHz;
  if (isMultiple(offsetHz, rasterHz)) return true;
  return bandwidthHz <= rasterHz && isMultiple(offsetHz - rasterHz / 2, rasterHz);
}

function summary(band: BandPlanBand): NonNullable<BandPlanCheck['band']> {
  return {
    id: band.id,
    lowHz: band.lowHz,
    highHz: band.highHz,
    note: band.note,
    channelRasterHz: band.channelRasterHz,
  };
}

/**
 * Checks an assignment against a band plan (SPEC §4.6):
 * 1. R = occupiedRangeHz(frequencyHz, bandwidthHz, necessaryBandwidthHz), half-open.
 * 2. The chosen band is the narrowest entry that contains R and allows the service. Failing that:
 *    the narrowest entry containing R → 'service_not_allowed'; else the allowing entry overlapping R the
 *    most → 'straddles_band_edge'; else an entry of another service overlapping R the most →
 *    'straddles_band_edge' and 'service_not_allowed'; else 'outside_plan' with band null.
 * 3. onRaster is computed only for a chosen band with a raster (see centreOnRaster), else null; false
 *    adds 'off_raster'.
 * 4. necessaryBandwidthHz > bandwidthHz adds 'wider_than_channel'.
 * status is 'ok' only when there is no reason. The bands array is not modified.
 */
export function checkBandPlan(
  a: { service: string; frequencyHz: number; bandwidthHz: number; necessaryBandwidthHz: number | null },
  bands: BandPlanBand[],
): BandPlanCheck {
  const range = occupiedRangeHz(a.frequencyHz, a.bandwidthHz, a.necessaryBandwidthHz);
  const reasons: BandPlanReason[] = [];
  const containing = bands.filter((b) => contains(b, range));
  const allowsService = (b: BandPlanBand): boolean => b.services.includes(a.service);

  let band: BandPlanBand | null = narrowest(containing.filter(allowsService));
  const allowed = band !== null;
  let onRaster: boolean | null = null;

  if (band !== null) {
    if (band.channelRasterHz !== null && band.channelRasterHz > 0) {
      onRaster = centreOnRaster(a.frequencyHz, a.bandwidthHz, band.lowHz, band.channelRasterHz);
      if (!onRaster) reasons.push('off_raster');
    }
  } else if (containing.length > 0) {
    band = narrowest(containing);
    reasons.push('service_not_allowed');
  } else {
    const overlapping = bands.filter((b) => overlapHz(b, range) > 0);
    band = mostOverlapping(overlapping.filter(allowsService), range);
    if (band !== null) {
      reasons.push('straddles_band_edge');
    } else {
      band = mostOverlapping(overlapping, range);
      if (band !== null) reasons.push('straddles_band_edge', 'service_not_allowed');
      else reasons.push('outside_plan');
    }
  }

  if (a.necessaryBandwidthHz !== null && a.necessaryBandwidthHz > a.bandwidthHz) reasons.push('wider_than_channel');

  return {
    status: reasons.length === 0 ? 'ok' : 'warning',
    band: band === null ? null : summary(band),
    allowed,
    onRaster,
    reasons,
  };
}
