/**
 * One victim-batch thread (victims.ts): the register rebuilt from shared memory and indexed once, then each
 * batch answered with victimFindings of its victims, polygons as JSON text where asked for.
 */
import { prepareIndex, victimFindingsIn } from './candidate';
import { ConflictContext } from './pair';
import { unpack } from './packed';
import { sourceFrom } from './parallel';
import { contourRelease, type TextFinding, type VictimRequest, type VictimSetup } from './victims';

/** A thread's handler (geo/threads.ts): the register indexed once, then each batch's findings. */
export function victimHandler(setup: VictimSetup): (req: VictimRequest) => TextFinding[] {
  const src = sourceFrom(setup.source);
  const items = Array.from({ length: setup.register.count }, (_, i) => unpack(setup.register, i));
  const index = prepareIndex(items, src);
  const release = contourRelease(items, setup.lastRows, index.caches);
  // One context each way, kept across batches: a pair's coverage overlap (and its polygon's text) is computed
  // for one direction and used again for the other (victimFindingsIn). The polygons are only serialised here,
  // so findings share them (no copies).
  const contexts = {
    with: new ConflictContext(src, true, index.caches, 'fast', false),
    without: new ConflictContext(src, false, index.caches),
  };
  const texts = new WeakMap<object, string>();
  const textOf = (g: object): string => {
    let t = texts.get(g);
    if (t === undefined) {
      t = JSON.stringify(g);
      texts.set(g, t);
    }
    return t;
  };
  return (req) => {
    release(req.releaseBelow);
    const out: TextFinding[] = [];
    req.victims.forEach((i, k) => {
      const geometry = req.geometry[k] === 1;
      const ctx = geometry ? contexts.with : contexts.without;
      for (const f of victimFindingsIn(items[i] as (typeof items)[number], index, ctx))
        out.push({
          ...f,
          geometry: null,
          ...(geometry ? { geometryText: f.geometry === null ? null : textOf(f.geometry) } : {}),
        });
    });
    return out;
  };
}
