import { SOLVERS } from '../core/solvers';
import { useStore } from '../state/store';
import { BetaControl } from './BetaControl';
import { CustomSolvers } from './CustomSolvers';
import { QueryControls } from './QueryControls';
import { SolverParamFields } from './SolverParamFields';
import { SolverSwatch } from './SolverSwatch';

/** One toggle per registry entry, with its colour swatch, description and paper; β; queries. */
export function SolversPanel() {
  const selected = useStore((s) => s.solvers);
  const toggle = useStore((s) => s.toggleSolver);
  return (
    <section className="panel" aria-labelledby="solvers-heading">
      <h2 id="solvers-heading">Solvers</h2>
      <BetaControl />
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
                <SolverParamFields id={s.id} />
              </>
            )}
          </li>
        ))}
      </ul>
      <CustomSolvers />
    </section>
  );
}
