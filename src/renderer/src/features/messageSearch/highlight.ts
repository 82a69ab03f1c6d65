// Where a search matched inside a message body, in the body's own characters: the body is folded one character at
// a time the way foldArabic folds it (case, diacritics, tatweel, alef/yaa/taa-marbuta forms, runs of spaces), with
// each folded character remembering the original range it came from, so the mark covers what the user sees,
// diacritics included.
import { foldArabic } from '@shared/arabicFold.ts';

export interface Segment {
  text: string;
  match: boolean;
}

/** Splits `text` into plain and matching segments for the folded `query` (every occurrence, left to right). */
export function highlightSegments(text: string, query: string): Segment[] {
  const needle = foldArabic(query);
  if (!needle) return [{ text, match: false }];
  let folded = '';
  const from: number[] = []; // original start of each folded code unit
  const to: number[] = []; // original end of each folded code unit
  let lastSpace = true; // leading spaces fold away (trim)
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    const end = i + ch.length;
    if (/\s/.test(ch)) {
      if (!lastSpace) {
        folded += ' ';
        from.push(i);
        to.push(end);
        lastSpace = true;
      }
    } else {
      const f = foldArabic(ch);
      if (f) {
        for (let k = 0; k < f.length; k++) {
          from.push(i);
          to.push(end);
        }
        folded += f;
        lastSpace = false;
      } else if (to.length > 0) {
        // a mark (diacritic, tatweel) belongs with the letter before it
        to[to.length - 1] = end;
      }
    }
    i = end;
  }
  const ranges: Array<[number, number]> = [];
  for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length)) {
    ranges.push([from[at] as number, to[at + needle.length - 1] as number]);
  }
  if (ranges.length === 0) return [{ text, match: false }];
  const segments: Segment[] = [];
  let cursor = 0;
  for (const [start, end] of ranges) {
    if (start > cursor) segments.push({ text: text.slice(cursor, start), match: false });
    segments.push({ text: text.slice(start, end), match: true });
    cursor = end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), match: false });
  return segments;
}
