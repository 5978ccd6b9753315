import type { FaqItem } from './help-content';

/*
 * The help centre's FAQ filter, without Vue (tested in test/client/help.test.ts): every word typed
 * must appear in the question or its answer. Thai is written without spaces between words, so a
 * word is whatever the reader separates with spaces; case, repeated spaces and invisible
 * characters (zero-width spaces pasted from documents) do not matter.
 */

const invisible = /[\u200b-\u200d\u2060\ufeff]/g;

/** Lower case, invisible characters dropped, runs of white space as one space. */
export const normaliseText = (text: string): string =>
  text.normalize('NFC').replace(invisible, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** The words of a query (empty: no filter). */
export const queryWords = (query: string): string[] => normaliseText(query).split(' ').filter(Boolean);

/** The questions that contain every word of the query, in their order. */
export const filterFaq = <T extends Pick<FaqItem, 'question' | 'answer'>>(
  items: readonly T[],
  query: string,
): T[] => {
  const words = queryWords(query);
  if (words.length === 0) return [...items];
  return items.filter((item) => {
    const text = normaliseText([item.question, ...item.answer].join(' '));
    return words.every((word) => text.includes(word));
  });
};
