/**
 * The charts before the first race has arrived: the same grid and captions with empty frames and
 * one status line, so the page never shows a lone "Computing…" where the charts will be and
 * nothing moves when they arrive.
 */
import { useStore } from '../../state/store';
import { progressText } from '../progressText';

const TITLES = { convergence: 'Convergence', exploitability: 'Exploitability', simplex: 'Simplex' };

export function ChartsSkeleton({ charts }: { charts: readonly (keyof typeof TITLES)[] }) {
  const progress = useStore((s) => s.progress);
  return (
    <section className="charts" aria-label="Charts" aria-busy="true">
      <p role="status" className="hint skeleton-status">
        Computing the first race…{progress && ` ${progressText(progress)}`}
      </p>
      <div className="chart-grid" data-charts={charts.join(' ')}>
        {charts.map((id) => (
          <div key={id} className="chart-card" data-area={id}>
            <figure className="chart skeleton">
              <figcaption>{TITLES[id]}</figcaption>
              <div className="plot" />
            </figure>
          </div>
        ))}
      </div>
    </section>
  );
}
