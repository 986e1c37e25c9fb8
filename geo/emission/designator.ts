/**
 * Emission designators (ITU Radio Regulations, Appendix 1 "Classification of emissions and necessary
 * bandwidths", §2 and §4; ITU-R Recommendation SM.1138). A designator is the necessary bandwidth in four
 * characters (e.g. "16K0") optionally followed by the class of emission in three symbols (e.g. "F3E")
 * and up to two optional symbols (e.g. "16K0F3EJN").
 */

export type DesignatorErrorCode =
  | 'empty'
  | 'length'
  | 'bandwidth_first_char'
  | 'bandwidth_letter'
  | 'bandwidth_digits'
  | 'modulation'
  | 'signal'
  | 'information'
  | 'detail'
  | 'multiplex'
  | 'class_required';

export interface EmissionDesignator {
  /** The designator as read: trimmed and upper-cased. */
  designator: string;
  /** Its first four characters, e.g. "16K0". */
  bandwidthPart: string;
  necessaryBandwidthHz: number;
  /** The three basic class symbols, e.g. "F3E", or null when only the bandwidth was given. */
  classOfEmission: string | null;
  modulation: string | null;
  signal: string | null;
  information: string | null;
  /** The optional 4th and 5th symbols ("" when absent), e.g. "JN". */
  extraSymbols: string;
}

export type DesignatorResult =
  | { ok: true; value: EmissionDesignator }
  | { ok: false; code: DesignatorErrorCode; reason: string; params?: Record<string, string | number> };

/** Appendix 1 §2 1): the letter standing at the decimal point and the multiplier it stands for, as a power of ten. */
const BANDWIDTH_LETTER_EXPONENT: Readonly<Record<string, number>> = { H: 0, K: 3, M: 6, G: 9 };

interface SymbolPosition {
  code: 'modulation' | 'signal' | 'information' | 'detail' | 'multiplex';
  /** 1-based character position in the designator. */
  position: number;
  name: string;
  allowed: readonly string[];
}

/** Appendix 1 §4.1 (1st symbol), §4.2 (2nd), §4.3 (3rd), §4.4 (4th, details of signal) and §4.5 (5th, multiplexing). */
const SYMBOLS: readonly SymbolPosition[] = [
  {
    code: 'modulation',
    position: 5,
    name: 'type of modulation of the main carrier',
    allowed: ['N', 'A', 'H', 'R', 'J', 'B', 'C', 'F', 'G', 'D', 'P', 'K', 'L', 'M', 'Q', 'V', 'W', 'X'],
  },
  {
    code: 'signal',
    position: 6,
    name: 'nature of the signal modulating the main carrier',
    allowed: ['0', '1', '2', '3', '7', '8', '9', 'X'],
  },
  {
    code: 'information',
    position: 7,
    name: 'type of information to be transmitted',
    allowed: ['N', 'A', 'B', 'C', 'D', 'E', 'F', 'W', 'X'],
  },
  {
    code: 'detail',
    position: 8,
    name: 'details of signal',
    allowed: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'W', 'X'],
  },
  { code: 'multiplex', position: 9, name: 'nature of multiplexing', allowed: ['N', 'C', 'F', 'T', 'W', 'X'] },
];

const VALID_LENGTHS: readonly number[] = [4, 7, 8, 9];

type BandwidthRead =
  | { ok: true; hz: number }
  | { ok: false; code: DesignatorErrorCode; reason: string; params: Record<string, string | number> };

/**
 * Reads the four bandwidth characters (already upper-cased). Appendix 1 §2 1)–2): three digits and one
 * letter H, K, M or G standing at the decimal point (Hz, kHz, MHz, GHz); the first character is not the
 * digit 0 nor K, M or G (H is allowed there for bandwidths below 1 Hz: H002 = 0.002 Hz).
 * The value is built from the decimal digit string, "DDD" × 10^(exponent − fraction digits), and read
 * with Number("…e…"), which rounds once: 25H3 → 25.3, 5G65 → 5 650 000 000 exactly (no float noise).
 */
function readBandwidth(part: string): BandwidthRead {
  const first = part.charAt(0);
  if (!/^[1-9H]$/.test(first)) {
    return {
      ok: false,
      code: 'bandwidth_first_char',
      reason: `bandwidth must start with a digit other than 0 (or H below 1 Hz), not "${first}"`,
      params: { char: first },
    };
  }
  for (let i = 0; i < part.length; i++) {
    const ch = part.charAt(i);
    if (!/^[0-9HKMG]$/.test(ch)) {
      return {
        ok: false,
        code: 'bandwidth_digits',
        reason: `bandwidth character ${i + 1} must be a digit or one of H, K, M, G, not "${ch}"`,
        params: { char: ch, position: i + 1 },
      };
    }
  }
  const letters = [...part].filter((ch) => ch in BANDWIDTH_LETTER_EXPONENT);
  if (letters.length !== 1) {
    return {
      ok: false,
      code: 'bandwidth_letter',
      reason:
        letters.length === 0
          ? `bandwidth "${part}" must contain exactly one of H, K, M, G at the decimal point, found none`
          : `bandwidth "${part}" must contain exactly one of H, K, M, G at the decimal point, ` +
            `found ${letters.length} (${letters.join(', ')})`,
      params: { count: letters.length },
    };
  }
  const letter = letters[0] as string;
  const at = part.indexOf(letter);
  const digits = part.slice(0, at) + part.slice(at + 1);
  const fractionDigits = part.length - at - 1;
  const exponent = (BANDWIDTH_LETTER_EXPONENT[letter] as number) - fractionDigits;
  const hz = Number(`${digits}e${exponent}`);
  if (!(hz > 0)) {
    return {
      ok: false,
      code: 'bandwidth_digits',
      reason: `bandwidth "${part}" must be greater than 0 Hz`,
      params: { char: letter, position: at + 1 },
    };
  }
  return { ok: true, hz };
}

/**
 * The necessary bandwidth in Hz of the four bandwidth characters of a designator ("16K0" → 16 000,
 * "H002" → 0.002, "5G65" → 5.65e9), per ITU RR Appendix 1 §2; null when they are not a valid bandwidth.
 */
export function bandwidthPartHz(part: string): number | null {
  const s = part.trim().toUpperCase();
  if (s.length !== 4) return null;
  const r = readBandwidth(s);
  return r.ok ? r.hz : null;
}

/**
 * Parses an emission designator per ITU RR Appendix 1: "16K0F3E" → 16 000 Hz, class F3E. The input is
 * trimmed and upper-cased. Accepted lengths: 4 (bandwidth only; refused with `requireClass`), 7
 * (bandwidth + class), 8 or 9 (plus the optional 4th and 5th symbols). Every refusal names the code,
 * the offending character and its position.
 */
export function parseEmissionDesignator(input: string, options?: { requireClass?: boolean }): DesignatorResult {
  const s = input.trim().toUpperCase();
  if (s.length === 0) return { ok: false, code: 'empty', reason: 'emission designator is empty' };
  if (!VALID_LENGTHS.includes(s.length)) {
    return {
      ok: false,
      code: 'length',
      reason:
        `emission designator must be 4 characters (bandwidth), ` +
        `7 (bandwidth and class) or 8–9 (with optional symbols), not ${s.length}`,
      params: { length: s.length },
    };
  }
  const bandwidthPart = s.slice(0, 4);
  const bw = readBandwidth(bandwidthPart);
  if (!bw.ok) return { ok: false, code: bw.code, reason: bw.reason, params: bw.params };
  if (s.length === 4 && options?.requireClass) {
    return {
      ok: false,
      code: 'class_required',
      reason:
        `emission designator "${s}" gives only the bandwidth; ` +
        `the class of emission (3 symbols, e.g. F3E) is required`,
    };
  }
  for (const sym of SYMBOLS) {
    if (sym.position > s.length) break;
    const ch = s.charAt(sym.position - 1);
    if (!sym.allowed.includes(ch)) {
      const allowed = sym.allowed.join(' ');
      return {
        ok: false,
        code: sym.code,
        reason: `character ${sym.position} (${sym.name}) must be one of ${allowed}, not "${ch}"`,
        params: { char: ch, allowed },
      };
    }
  }
  const hasClass = s.length >= 7;
  return {
    ok: true,
    value: {
      designator: s,
      bandwidthPart,
      necessaryBandwidthHz: bw.hz,
      classOfEmission: hasClass ? s.slice(4, 7) : null,
      modulation: hasClass ? s.charAt(4) : null,
      signal: hasClass ? s.charAt(5) : null,
      information: hasClass ? s.charAt(6) : null,
      extraSymbols: s.slice(7),
    },
  };
}
