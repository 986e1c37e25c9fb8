/**
 * A register packed into shared memory, so that scan threads read it without copying: the numeric fields
 * of each assignment in one Float64Array, every footprint ring's coordinates in another, both on
 * SharedArrayBuffers. unpack() rebuilds an assignment equal to the original (same numbers, same prepared ring).
 */
import { CompactPolygon, prepareRing, ringFrom, type PreparedRing } from './overlap';
import type { ScanAssignment } from './types';

/** Fields per assignment in `meta`. */
const F = 13;

export interface PackedRegister {
  count: number;
  /** id, licenseeId (NaN: null), service index, low, high, protected, co PR, adjacent PR, guard (NaN: null),
   *  bbox ×4, then (in `rings`) the first coordinate's index and the position count. */
  meta: Float64Array;
  /** Per assignment: [first vertex index into coords, number of vertices] of its prepared ring. */
  rings: Int32Array;
  /** lon, lat of every vertex of every prepared footprint ring, in order. */
  coords: Float64Array;
  services: string[];
}

function shared(length: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Math.max(8, length * 8));
}

/** Packs items (footprints must be one-ring polygons, as the engine's are). */
export function pack(items: readonly ScanAssignment[]): PackedRegister {
  const services: string[] = [];
  const serviceIndex = new Map<string, number>();
  let positions = 0;
  const rings = items.map((a) => {
    const r = a.footprint instanceof CompactPolygon ? a.footprint.ring : prepareRing(a.footprint);
    if (r === null) throw new RangeError(`assignment ${a.id}: footprint is not one ring`);
    positions += r.n;
    return r;
  });
  const meta = new Float64Array(shared(items.length * F));
  const starts = new Int32Array(new SharedArrayBuffer(Math.max(8, items.length * 8)));
  const coords = new Float64Array(shared(positions * 2));
  let at = 0;
  items.forEach((a, i) => {
    let s = serviceIndex.get(a.service);
    if (s === undefined) {
      s = services.push(a.service) - 1;
      serviceIndex.set(a.service, s);
    }
    meta.set(
      [
        a.id,
        a.licenseeId ?? Number.NaN,
        s,
        a.occupiedLowHz,
        a.occupiedHighHz,
        a.protectedFieldDbuvM,
        a.coChannelPrDb,
        a.adjacentPrDb,
        a.adjacentGuardHz ?? Number.NaN,
        ...a.bboxDeg,
      ],
      i * F,
    );
    const r = rings[i] as PreparedRing;
    starts[2 * i] = at;
    starts[2 * i + 1] = r.n;
    coords.set(r.xy, 2 * at);
    at += r.n;
  });
  return { count: items.length, meta, rings: starts, coords, services };
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/**
 * The i-th assignment of a packed register, rebuilt with its footprint as a CompactPolygon (the same prepared
 * ring as the original's: vertices counter-clockwise, no repeated closing vertex).
 */
export function unpack(r: PackedRegister, i: number): ScanAssignment {
  const m = r.meta;
  const o = i * F;
  const first = r.rings[2 * i] as number;
  const n = r.rings[2 * i + 1] as number;
  const footprint = new CompactPolygon(ringFrom(r.coords.subarray(2 * first, 2 * (first + n))));
  return {
    id: m[o] as number,
    licenseeId: orNull(m[o + 1] as number),
    service: r.services[m[o + 2] as number] as string,
    occupiedLowHz: m[o + 3] as number,
    occupiedHighHz: m[o + 4] as number,
    protectedFieldDbuvM: m[o + 5] as number,
    coChannelPrDb: m[o + 6] as number,
    adjacentPrDb: m[o + 7] as number,
    adjacentGuardHz: orNull(m[o + 8] as number),
    footprint,
    bboxDeg: [m[o + 9] as number, m[o + 10] as number, m[o + 11] as number, m[o + 12] as number],
  };
}
