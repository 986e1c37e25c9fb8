/**
 * The channels of the band plan's raster in a range (SPEC §4.6, §12), for one service and channel width.
 * Pure. Choices the SPEC leaves open, with their reasons:
 * - Which entries: those overlapping the range that allow the service; when none does, every entry
 *   overlapping the range, so that the finder shows why the range is closed to the service (`not_allowed`)
 *   instead of an empty list.
 * - Where the channels sit: raster lines from the band's lower edge, f = low + k·r (narrow-band plans number
 *   their channels that way: 148.0125 MHz on 12.5 kHz, 87.6 MHz on 100 kHz); but when the channel is one
 *   raster step wide and the step is at least 1 MHz, slot centres f = low + r/2 + k·r (television: GE06
 *   channel 21 is 470–478 MHz, centred on 474 MHz). Both are "on raster" for the band-plan check.
 * - An entry without a raster: slots of the requested width side by side from its lower edge.
 * - Only channels whose occupied range (centre ± max(width, necessary width)/2, as the check computes it)
 *   lies inside the entry, and whose centre lies in [fromHz, toHz] (both ends included). Channels of two
 *   overlapping entries at the same centre are listed once.
 */
import { occupiedRangeHz } from '../../../geo/bandplan/check';

export interface RasterBand {
  lowHz: number;
  highHz: number;
  services: readonly string[];
  channelRasterHz: number | null;
}

/** Slot centres for channels one raster step wide when the step is at least this, Hz. */
export const SLOT_RASTER_MIN_HZ = 1_000_000;

interface Grid {
  originHz: number;
  stepHz: number;
  firstK: number;
  lastK: number;
}

function gridOf(band: RasterBand, widthHz: number, occupiedHz: number, fromHz: number, toHz: number): Grid | null {
  const raster = band.channelRasterHz !== null && band.channelRasterHz > 0 ? band.channelRasterHz : null;
  const stepHz = raster ?? widthHz;
  if (!(stepHz > 0)) return null;
  const slots = raster === null || (widthHz === raster && raster >= SLOT_RASTER_MIN_HZ);
  const originHz = band.lowHz + (slots ? stepHz / 2 : 0);
  const lo = Math.max(fromHz, band.lowHz + occupiedHz / 2);
  const hi = Math.min(toHz, band.highHz - occupiedHz / 2);
  if (lo > hi) return null;
  // One step of slack each side, then the exact tests on each centre (rounding as the check rounds).
  return {
    originHz,
    stepHz,
    firstK: Math.ceil((lo - originHz) / stepHz) - 1,
    lastK: Math.floor((hi - originHz) / stepHz) + 1,
  };
}

/** The entries whose channels are listed (file comment). */
export function entriesFor<B extends RasterBand>(
  bands: readonly B[],
  service: string,
  fromHz: number,
  toHz: number,
): B[] {
  const overlapping = bands.filter((b) => b.lowHz <= toHz && b.highHz >= fromHz);
  const allowing = overlapping.filter((b) => b.services.includes(service));
  return allowing.length > 0 ? allowing : overlapping;
}

/** An upper bound of the number of channels, without listing them (the request's size check). */
export function countChannelsAtMost(
  bands: readonly RasterBand[],
  widthHz: number,
  necessaryHz: number | null,
  fromHz: number,
  toHz: number,
): number {
  const occupiedHz = Math.max(widthHz, necessaryHz ?? 0);
  let n = 0;
  for (const b of bands) {
    const g = gridOf(b, widthHz, occupiedHz, fromHz, toHz);
    if (g) n += Math.max(0, g.lastK - g.firstK + 1);
  }
  return n;
}

/** The channel centres, Hz, ascending and distinct (file comment). */
export function channelCentresHz(
  bands: readonly RasterBand[],
  widthHz: number,
  necessaryHz: number | null,
  fromHz: number,
  toHz: number,
): number[] {
  const occupiedHz = Math.max(widthHz, necessaryHz ?? 0);
  const out = new Set<number>();
  for (const b of bands) {
    const g = gridOf(b, widthHz, occupiedHz, fromHz, toHz);
    if (!g) continue;
    for (let k = g.firstK; k <= g.lastK; k++) {
      const f = Math.round(g.originHz + k * g.stepHz);
      if (f < fromHz || f > toHz) continue;
      const occ = occupiedRangeHz(f, widthHz, necessaryHz);
      if (occ.lowHz >= b.lowHz && occ.highHz <= b.highHz) out.add(f);
    }
  }
  return [...out].sort((x, y) => x - y);
}
