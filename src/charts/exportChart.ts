/**
 * Charts as files for a paper: a standalone SVG (white background, title, legend, the chart's own
 * axes and labels, styles inlined, a caption line of the race's facts) and a PNG of it at twice the
 * device pixels. Exports are light whatever
 * the page's theme: the dark theme's line colours go back to the light palette's.
 */
import { lightColorOf } from '../core/solvers/palette';
import { lightInk } from './ink';

export interface LegendEntry {
  name: string;
  color: string;
  dash: string;
  /** Stroke width (default 2.5, a solver's line in the legend). */
  width?: number;
  /** Stroke opacity (default 1). */
  opacity?: number;
  /** Text after the name, in grey (a solver's hitting time: "stays ≤ ε from iteration N …"). */
  note?: string;
}

/** Legend stroke width when an entry gives none. */
export const LEGEND_STROKE = 2.5;

const STYLE = `text{font-family:'Liberation Sans',Arial,sans-serif;font-size:11px;fill:#333}.axis-label{font-size:12px}.vertex{font-size:13px;font-weight:600}.readout{display:none}.legend-note,.caption{fill:#666}.caption{font-size:10px}`;

/** About the width of one character of the 11px legend font (for laying out columns and lines). */
const CHAR_WIDTH = 6;
/** The widest a name's character gets (capitals), for the column where notes start. */
const NAME_CHAR_WIDTH = 7.5;

/** Words of `text` in lines of at most `chars` characters, broken after " · " where it can. */
function wrap(text: string, chars: number): string[] {
  const parts = text.split(' · ');
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + 3 + part.length <= chars)
      lines[last] = `${lines[last]} · ${part}`;
    else lines.push(part);
  }
  return lines;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The chart plus a title above, a legend below and a caption line under it (the race's facts:
 * game, β, iterations, engine, ε), as SVG text. `underlay`: a canvas drawn under the chart in the
 * same frame (the simplex's flow field), embedded as an image so the file shows what the screen
 * shows.
 */
export function chartSvgText(
  svg: SVGSVGElement,
  title: string,
  legend: LegendEntry[],
  underlay?: HTMLCanvasElement | null,
  caption?: string,
): string {
  const box = svg.viewBox.baseVal;
  const width = box && box.width > 0 ? box.width : svg.clientWidth;
  const height = box && box.height > 0 ? box.height : svg.clientHeight;
  const titleH = 22;
  // Columns as wide as the longest entry (a hitting time makes an entry long). Notes start in one
  // column after the longest name, at a generous width per character so capitals do not reach them.
  const nameWidth =
    Math.max(0, ...legend.filter((l) => l.note).map((l) => l.name.length)) * NAME_CHAR_WIDTH;
  const noteChars = Math.max(0, ...legend.map((l) => l.note?.length ?? 0));
  const column = Math.max(120, 34 + nameWidth + (noteChars ? 8 + noteChars * CHAR_WIDTH : 0));
  const perRow = Math.max(1, Math.floor((width - 8) / column));
  const legendH = Math.ceil(legend.length / perRow) * 16 + 6;
  const captionLines = caption ? wrap(caption, Math.max(20, Math.floor((width - 16) / 5.5))) : [];
  const captionH = captionLines.length * 13 + (captionLines.length ? 4 : 0);
  // The theme's inks (var(--…, light)) become their light values: exports are light.
  const inner = lightInk(new XMLSerializer().serializeToString(svg))
    .replace(/^<svg[^>]*>/, '')
    .replace(/<\/svg>$/, '')
    .replace(/#[0-9a-f]{6}\b/gi, lightColorOf);
  const legendItems = legend
    .map((l, i) => {
      const x = 8 + (i % perRow) * column;
      const y = titleH + height + 12 + Math.floor(i / perRow) * 16;
      const opacity =
        l.opacity !== undefined && l.opacity < 1 ? ` stroke-opacity="${l.opacity}"` : '';
      const note = l.note
        ? `<text class="legend-note" x="${x + 35 + nameWidth}" y="${y}">${escapeXml(l.note)}</text>`
        : '';
      return `<line x1="${x}" x2="${x + 22}" y1="${y - 4}" y2="${y - 4}" stroke="${escapeXml(lightInk(l.color))}" stroke-width="${l.width ?? LEGEND_STROKE}"${opacity} stroke-linecap="butt"${l.dash ? ` stroke-dasharray="${escapeXml(l.dash)}"` : ''}/><text x="${x + 27}" y="${y}">${escapeXml(l.name)}</text>${note}`;
    })
    .join('');
  const captionItems = captionLines
    .map(
      (line, i) =>
        `<text class="caption" x="8" y="${titleH + height + legendH + 11 + i * 13}">${escapeXml(line)}</text>`,
    )
    .join('');
  const total = titleH + height + legendH + captionH;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}">`,
    `<style>${STYLE}</style>`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="16" style="font-size:14px;font-weight:600">${escapeXml(title)}</text>`,
    `<g transform="translate(0,${titleH})">${
      underlay
        ? `<image x="0" y="0" width="${width}" height="${height}" href="${underlay.toDataURL('image/png')}"/>`
        : ''
    }${inner}</g>`,
    legendItems,
    captionItems,
    `</svg>`,
  ].join('');
}

/** PNG exports: twice the device pixels the chart takes on screen (4× on a 2× display). */
export function pngScale(devicePixelRatio: number): number {
  return 2 * (Number.isFinite(devicePixelRatio) && devicePixelRatio > 0 ? devicePixelRatio : 1);
}

/** Renders SVG text to a PNG at `scale`× its size, on white. */
export async function svgToPng(svgText: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(img.width * scale);
    canvas.height = Math.round(img.height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
