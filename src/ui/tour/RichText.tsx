/**
 * A slide's text: paragraphs of plain text and KaTeX formulas (src/lessons/rich.ts). Text is
 * rendered by React (escaped); only KaTeX's own output is set as HTML, and KaTeX runs without
 * `trust` (no \href, \url, \includegraphics, \html…), with small size and macro-expansion
 * limits, and never throws: a lesson from a link cannot inject markup or stall the page.
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';
import { paragraphs, segments, type Segment } from '../../lessons/rich';

/** Longer formulas are shown as their source: no lesson needs one, a hostile link might. */
const MAX_TEX = 400;

export function renderTex(tex: string): string | null {
  if (tex.length > MAX_TEX) return null;
  return katex.renderToString(tex, {
    throwOnError: false,
    trust: false,
    strict: 'ignore',
    maxSize: 10,
    maxExpand: 100,
    output: 'htmlAndMathml',
  });
}

function Segments({ parts }: { parts: Segment[] }) {
  return parts.map((s, i) => {
    if (s.kind === 'text') return <span key={i}>{s.value}</span>;
    const html = renderTex(s.value);
    return html === null ? (
      <code key={i}>{s.value}</code>
    ) : (
      <span key={i} className="math" dangerouslySetInnerHTML={{ __html: html }} />
    );
  });
}

/** Paragraphs (`inline`: one run of text, no paragraph breaks, for prompts and captions). */
export function RichText({ text, inline = false }: { text: string; inline?: boolean }) {
  const blocks = useMemo(
    () => (inline ? [segments(text.replace(/\s+/g, ' ').trim())] : paragraphs(text)),
    [text, inline],
  );
  if (inline) return <Segments parts={blocks[0] ?? []} />;
  return blocks.map((parts, i) => (
    <p key={i}>
      <Segments parts={parts} />
    </p>
  ));
}
