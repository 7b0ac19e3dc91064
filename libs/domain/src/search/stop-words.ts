/**
 * Function words of Italian and English (accents removed, as tokens are). A query drops them when it has other
 * words, so "dispositivi per la cardiologia" does not demand "per" and "la"; highlights never show them.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    // English
    'a an and are as at be but by for from has have in into is it its of on or that the their this to was were ' +
    'which with we our you your they them he she his her not no can will would should than then there these those ' +
    // Italian
    'il lo la i gli le un uno una di da del dello della dei degli delle dal dallo dalla dai dagli dalle in nel nello ' +
    'nella nei negli nelle su sul sullo sulla sui sugli sulle con per tra fra e ed o od che chi cui non piu come ' +
    'anche ma se sono essere ha hanno al allo alla ai agli alle dell all nell sull quale quali questo questa questi ' +
    'queste quello quella quelli quelle suo sua suoi sue loro nostro nostra si ci ne'
  ).split(' '),
);

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}
