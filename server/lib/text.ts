/** Vietnamese-aware text helpers. */

/** NFC-normalised, trimmed text: what we store. */
export function cleanText(s: string): string {
  return s.normalize('NFC').trim();
}

/** Removes diacritics, keeping case: "Krông Pắc" → "Krong Pac", "Đắk Lắk" → "Dak Lak". */
export function stripDiacritics(s: string): string {
  // NFD splits letters from their combining marks, which are dropped; đ/Đ have no decomposition.
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** Folds text for search without diacritics or case: "Krông  Pắc" → "krong pac". */
export function foldDiacritics(s: string): string {
  return stripDiacritics(s).toLowerCase().replace(/\s+/g, ' ').trim();
}
