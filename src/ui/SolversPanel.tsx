import { SOLVERS } from '../core/solvers';
import { useStore } from '../state/store';
import { QueryControls } from './QueryControls';
import { SolverParams } from './SolverParams';
import { SolverSwatch } from './SolverSwatch';

/** One toggle per registry entry, with its colour swatch, description and paper; β; queries. */
export function SolversPanel() {
  const selected = useStore((s) => s.selected);
  const toggle = useStore((s) => s.toggleSolver);
  const beta = useStore((s) => s.beta);
  const setBeta = useStore((s) => s.setBeta);
  return (
    <section className="panel" aria-labelledby="solvers-heading">
      <h2 id="solvers-heading">Solvers</h2>
      <label className="beta">
        KL strength β{' '}
        <input
          type="range"
          min={-3}
          max={0}
          step={0.05}
          value={beta > 0 ? Math.log10(beta) : -3}
          onChange={(e) => setBeta(+(10 ** Number(e.target.value)).toPrecision(3))}
        />{' '}
        <output>{beta}</output>
      </label>
      <QueryControls />
      <ul className="solvers">
        {SOLVERS.map((s) => (
          <li key={s.id}>
            <label title={s.description}>
              <input
                type="checkbox"
                checked={selected.includes(s.id)}
                onChange={() => toggle(s.id)}
              />
              <SolverSwatch solver={s} />
              {s.name}
            </label>{' '}
            <a href={s.paper.url} target="_blank" rel="noopener noreferrer" className="paper">
              {s.paper.arxiv ? `arXiv ${s.paper.arxiv}` : `${s.paper.authors} ${s.paper.year}`}
            </a>
            {selected.includes(s.id) && (
              <>
                <p className="description">{s.description}</p>
                <SolverParams id={s.id} />
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
