import { useRef, type ReactNode } from 'react';
import { CaptionExtra } from '../charts/captionExtra';
import { chartSvgText, pngScale, svgToPng, type LegendEntry } from '../charts/exportChart';
import type { TraceMetric } from '../experiment/averages';
import { exportFileName, raceCaption } from '../experiment/exports';
import { hitText, legendMetric, METRIC_NAMES, traceHit } from '../experiment/hits';
import { useStore } from '../state/store';
import { download } from './download';

/**
 * The exported legend with each solver's hitting time: of the chart's own metric (KL for
 * Convergence, the gap metric for Exploitability), else of the legend's (the Simplex).
 */
function withHits(legend: LegendEntry[], area: string | undefined): LegendEntry[] {
  const { race, epsilon, iterate, gapMetric } = useStore.getState();
  if (!race) return legend;
  return legend.map((entry) => {
    const trace = race.traces.find((tr) => tr.name === entry.name);
    if (!trace) return entry;
    // A line chart's own metric; the Simplex names the one it reports.
    const own: TraceMetric | null =
      area === 'exploitability' ? gapMetric : area === 'convergence' ? 'klToNE' : null;
    const metric = own ?? legendMetric(trace, gapMetric);
    const hit = traceHit(race, trace, metric, iterate, epsilon);
    return { ...entry, note: `${own ? '' : `${METRIC_NAMES[metric]} `}${hitText(hit)}` };
  });
}

/** The figure's caption (game, β, iterations, engine, ε) and its file name, from the race shown. */
function figureOf(title: string): { caption?: string; file: (ext: string) => string } {
  const { race, epsilon, presetId, game, beta } = useStore.getState();
  const chart = title.toLowerCase();
  if (!race) return { file: (ext) => exportFileName({ presetId, game, beta }, chart, ext) };
  const { settings } = race;
  // The race's game and β (the controls may have moved on while it recomputes).
  const facts = { presetId: settings.game === game ? presetId : 'custom', ...settings };
  return {
    caption: raceCaption(race, epsilon),
    file: (ext) => exportFileName(facts, chart, ext),
  };
}

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
  const text = (s: SVGSVGElement): string => {
    const { caption } = figureOf(title);
    return chartSvgText(s, title, withHits(legend, area), underlay(), caption);
  };
  const exportSvg = (): void => {
    const s = svg();
    if (s) download(figureOf(title).file('svg'), new Blob([text(s)], { type: 'image/svg+xml' }));
  };
  const exportPng = async (): Promise<void> => {
    const s = svg();
    if (s)
      download(
        figureOf(title).file('png'),
        await svgToPng(text(s), pngScale(window.devicePixelRatio)),
      );
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
