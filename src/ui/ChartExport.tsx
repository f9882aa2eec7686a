import { useRef, type ReactNode } from 'react';
import { CaptionExtra } from '../charts/captionExtra';
import { chartSvgText, svgToPng, type LegendEntry } from '../charts/exportChart';
import { download } from './download';

/**
 * A chart's card: the chart, with "SVG" and "PNG" export buttons (named after the chart's title)
 * and its own controls at the end of its caption row. `area` places the card in the chart grid
 * (style.css).
 */
export function ChartExport({
  title,
  legend,
  children,
  enabled = true,
  area,
  tools,
}: {
  title: string;
  legend: LegendEntry[];
  children: ReactNode;
  /** Show the export buttons (off in classroom links and present mode). */
  enabled?: boolean;
  area?: string;
  /** The chart's own controls, beside its export buttons. */
  tools?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const svg = (): SVGSVGElement | null => ref.current?.querySelector('svg[role="img"]') ?? null;
  // A canvas beside the chart's SVG is drawn under it (the flow field under the simplex).
  const underlay = (): HTMLCanvasElement | null =>
    svg()?.parentElement?.querySelector('canvas') ?? null;
  const file = title.toLowerCase().replace(/[^\w]+/g, '-');
  const exportSvg = (): void => {
    const s = svg();
    if (s)
      download(
        `${file}.svg`,
        new Blob([chartSvgText(s, title, legend, underlay())], { type: 'image/svg+xml' }),
      );
  };
  const exportPng = async (): Promise<void> => {
    const s = svg();
    if (s) download(`${file}.png`, await svgToPng(chartSvgText(s, title, legend, underlay()), 2));
  };
  return (
    <div ref={ref} className="exportable chart-card" data-area={area}>
      <CaptionExtra.Provider
        value={
          enabled || tools ? (
            <span className="card-tools">
              {tools}
              {enabled && (
                <span className="export-buttons">
                  <button type="button" aria-label={`Export ${title} as SVG`} onClick={exportSvg}>
                    SVG
                  </button>
                  <button
                    type="button"
                    aria-label={`Export ${title} as PNG`}
                    onClick={() => void exportPng()}
                  >
                    PNG
                  </button>
                </span>
              )}
            </span>
          ) : null
        }
      >
        {children}
      </CaptionExtra.Provider>
    </div>
  );
}
