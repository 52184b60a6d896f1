/**
 * Folds text for quote matching: typographic quotes to ASCII, every dash to a space, lower case,
 * runs of white space to one space.
 */
export function normalizeForQuote(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212-]/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
