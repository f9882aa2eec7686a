/**
 * Charts as files for a paper: a standalone SVG (white background, title, legend, the chart's own
 * axes and labels, styles inlined) and a PNG of it at 2× resolution. Exports are light whatever
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
}

/** Legend stroke width when an entry gives none. */
export const LEGEND_STROKE = 2.5;

const STYLE = `text{font-family:'Liberation Sans',Arial,sans-serif;font-size:11px;fill:#333}.axis-label{font-size:12px}.vertex{font-size:13px;font-weight:600}.readout{display:none}`;

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The chart plus a title above and a legend below, as SVG text. `underlay`: a canvas drawn under
 * the chart in the same frame (the simplex's flow field), embedded as an image so the file shows
 * what the screen shows.
 */
export function chartSvgText(
  svg: SVGSVGElement,
  title: string,
  legend: LegendEntry[],
  underlay?: HTMLCanvasElement | null,
): string {
  const box = svg.viewBox.baseVal;
  const width = box && box.width > 0 ? box.width : svg.clientWidth;
  const height = box && box.height > 0 ? box.height : svg.clientHeight;
  const titleH = 22;
  const perRow = Math.max(1, Math.floor(width / 120));
  const legendH = Math.ceil(legend.length / perRow) * 16 + 6;
  // The theme's inks (var(--…, light)) become their light values: exports are light.
  const inner = lightInk(new XMLSerializer().serializeToString(svg))
    .replace(/^<svg[^>]*>/, '')
    .replace(/<\/svg>$/, '')
    .replace(/#[0-9a-f]{6}\b/gi, lightColorOf);
  const legendItems = legend
    .map((l, i) => {
      const x = 8 + (i % perRow) * 120;
      const y = titleH + height + 12 + Math.floor(i / perRow) * 16;
      const opacity =
        l.opacity !== undefined && l.opacity < 1 ? ` stroke-opacity="${l.opacity}"` : '';
      return `<line x1="${x}" x2="${x + 22}" y1="${y - 4}" y2="${y - 4}" stroke="${escapeXml(lightInk(l.color))}" stroke-width="${l.width ?? LEGEND_STROKE}"${opacity} stroke-linecap="butt"${l.dash ? ` stroke-dasharray="${escapeXml(l.dash)}"` : ''}/><text x="${x + 27}" y="${y}">${escapeXml(l.name)}</text>`;
    })
    .join('');
  const total = titleH + height + legendH;
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
    `</svg>`,
  ].join('');
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
