/**
 * The little markup of slide texts: blank lines separate paragraphs, `$…$` is a TeX formula and
 * `\$` a dollar sign. Nothing else is interpreted, so a lesson's text can never become markup:
 * text segments are shown as text, formulas go to KaTeX without `trust`.
 */
export type Segment = { kind: 'text'; value: string } | { kind: 'math'; value: string };

/** One paragraph's segments; an unclosed `$` is text. */
export function segments(paragraph: string): Segment[] {
  const out: Segment[] = [];
  let text = '';
  for (let i = 0; i < paragraph.length; i++) {
    const c = paragraph[i]!;
    if (c === '\\' && paragraph[i + 1] === '$') {
      text += '$';
      i++;
      continue;
    }
    if (c === '$') {
      const end = closing(paragraph, i + 1);
      if (end > i + 1) {
        if (text) out.push({ kind: 'text', value: text });
        text = '';
        out.push({ kind: 'math', value: paragraph.slice(i + 1, end) });
        i = end;
        continue;
      }
    }
    text += c;
  }
  if (text) out.push({ kind: 'text', value: text });
  return out;
}

/** The index of the `$` that closes a formula opened before `from`, or −1. */
function closing(s: string, from: number): number {
  for (let j = from; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '$') return j;
  }
  return -1;
}

export function paragraphs(text: string): Segment[][] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim().replace(/\s+/g, ' '))
    .filter((p) => p.length > 0)
    .map(segments);
}

/** Words as a reader counts them: each formula is one word. */
export function wordCount(text: string): number {
  return paragraphs(text)
    .flat()
    .reduce(
      (n, s) =>
        n +
        (s.kind === 'math'
          ? 1
          : s.value.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length),
      0,
    );
}
