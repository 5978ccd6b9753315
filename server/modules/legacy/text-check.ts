/**
 * Text-encoding checks of legacy text (LEGACY.md §4.1). The legacy app read and wrote through a
 * `utf8` connection, so well-stored Thai arrives here as Thai. Two kinds of damage are found:
 *
 * - UTF-8 read as Latin-1/Windows-1252 and stored again (double encoding): Thai letters U+0E01..
 *   U+0E5B are the bytes E0 B8 xx / E0 B9 xx, which show as `à¸` / `à¹`. Repairable when the
 *   Latin-1 bytes decode as valid UTF-8.
 * - TIS-620 bytes stored in a Latin-1 column: Thai letters show as U+00A1..U+00FB (e.g. `¡ÃØ§à·¾`).
 *   Repairable by shifting each into the Thai block (TIS-620 0xA1 is U+0E01).
 * - `?` where characters were lost (a Thai character written through a non-Thai connection), or
 *   U+FFFD: not repairable.
 */
export type TextFinding = {
  kind: 'double-utf8' | 'tis620-as-latin1' | 'lost-characters';
  /** The repaired text, or null when it cannot be repaired (stored as found, for review). */
  repaired: string | null;
};

const doubleUtf8 = /\u00e0[\u00b8\u00b9]/;
const tisRun = /[\u00a1-\u00fb]{3,}/;
const lost = /\uFFFD|\?{2,}|[\u0E00-\u0E7F]\?|\?[\u0E00-\u0E7F]/;

const looksThai = (text: string) => /[\u0E00-\u0E7F]/.test(text) && !/\uFFFD/.test(text);

export const checkText = (text: string | null | undefined): TextFinding | null => {
  if (!text) return null;
  if (doubleUtf8.test(text)) {
    const bytes = Buffer.from(
      Array.from(text, (ch) => {
        const code = ch.codePointAt(0) ?? 0;
        return code <= 0xff ? code : (cp1252Bytes.get(code) ?? 0x3f);
      }),
    );
    const decoded = bytes.toString('utf8');
    return {
      kind: 'double-utf8',
      repaired: looksThai(decoded) && !doubleUtf8.test(decoded) ? decoded : null,
    };
  }
  if (tisRun.test(text) && !/[\u0E00-\u0E7F]/.test(text)) {
    const decoded = Array.from(text, (ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return code >= 0xa1 && code <= 0xfb ? String.fromCodePoint(code + 0x0d60) : ch;
    }).join('');
    return { kind: 'tis620-as-latin1', repaired: decoded };
  }
  if (lost.test(text)) return { kind: 'lost-characters', repaired: null };
  return null;
};

/** Windows-1252's characters outside Latin-1 (0x80–0x9F), which a double encoding may hold. */
const cp1252Bytes = new Map<number, number>([
  [0x20ac, 0x80],
  [0x201a, 0x82],
  [0x0192, 0x83],
  [0x201e, 0x84],
  [0x2026, 0x85],
  [0x2020, 0x86],
  [0x2021, 0x87],
  [0x02c6, 0x88],
  [0x2030, 0x89],
  [0x0160, 0x8a],
  [0x2039, 0x8b],
  [0x0152, 0x8c],
  [0x017d, 0x8e],
  [0x2018, 0x91],
  [0x2019, 0x92],
  [0x201c, 0x93],
  [0x201d, 0x94],
  [0x2022, 0x95],
  [0x2013, 0x96],
  [0x2014, 0x97],
  [0x02dc, 0x98],
  [0x2122, 0x99],
  [0x0161, 0x9a],
  [0x203a, 0x9b],
  [0x0153, 0x9c],
  [0x017e, 0x9e],
  [0x0178, 0x9f],
]);
