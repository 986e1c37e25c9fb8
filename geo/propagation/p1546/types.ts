/**
 * Vocabulary of ITU-R P.1546-6 (point-to-area predictions, 30–4000 MHz, 1–1000 km). Section and equation
 * numbers in this folder are those of Annex 5 of Recommendation ITU-R P.1546-6 (08/2019).
 */

/** A propagation zone (Annex 5 §8): land, cold sea or warm sea ("sea" alone is cold sea below 50 % time). */
export type P1546Zone = 'land' | 'cold_sea' | 'warm_sea';

/** One section of the path, from the transmitter outwards. */
export interface P1546PathSection {
  zone: P1546Zone;
  lengthKm: number;
}

/** Land or sea curves (Figures 1–3, 9–11, 17–19 are land; the others sea). */
export type P1546GeneralPath = 'land' | 'sea';

/** Environment around the receiving antenna (Annex 5 §9): what R2 stands for, and sea for a receiver by the sea. */
export type P1546ReceiverArea = 'rural' | 'suburban' | 'urban' | 'dense_urban' | 'sea';
