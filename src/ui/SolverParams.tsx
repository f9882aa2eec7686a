import { resolveParams, getSolver, type SolverId } from '../core/solvers';
import { useStore } from '../state/store';

/**
 * The parameters a solver declares in the registry (η, schedule, players, Nash-MP's inner steps
 * and inner step), each showing the value in use; an empty η goes back to the theory default.
 * Refused edits say why.
 */
export function SolverParams({ id }: { id: SolverId }) {
  const def = getSolver(id);
  const given = useStore((s) => s.params[id]);
  const beta = useStore((s) => s.beta);
  const error = useStore((s) => s.paramErrors[id]);
  const setParam = useStore((s) => s.setParam);
  let used: ReturnType<typeof resolveParams> | null = null;
  try {
    used = resolveParams(id, beta, given ?? {});
  } catch {
    used = null;
  }
  if (def.parameters.length === 0) return null;
  return (
    <div className="params">
      {def.parameters.map((p) => {
        switch (p.kind) {
          case 'number':
            if (p.id === 'innerStep') {
              return (
                <label key={p.id} title={p.description}>
                  α{' '}
                  <input
                    type="number"
                    step="any"
                    min={0}
                    max={p.max}
                    aria-label={`${def.name} inner step α`}
                    placeholder={String(+p.default(beta).toPrecision(4))}
                    value={given?.innerStep ?? ''}
                    onChange={(e) =>
                      setParam(
                        id,
                        'innerStep',
                        e.target.value === '' ? undefined : Number(e.target.value),
                      )
                    }
                  />
                </label>
              );
            }
            return (
              <label key={p.id} title={p.description}>
                η{' '}
                <input
                  type="number"
                  step="any"
                  min={0}
                  max={p.max}
                  aria-label={`${def.name} η`}
                  placeholder={
                    used?.schedule === 'theory'
                      ? '2/(β(t+2))'
                      : String(+p.default(beta).toPrecision(4))
                  }
                  value={given?.eta ?? ''}
                  onChange={(e) =>
                    setParam(id, 'eta', e.target.value === '' ? undefined : Number(e.target.value))
                  }
                />
              </label>
            );
          case 'enum':
            return (
              <label key={p.id} title={p.description}>
                schedule{' '}
                <select
                  aria-label={`${def.name} schedule`}
                  value={used?.schedule ?? 'constant'}
                  onChange={(e) =>
                    setParam(id, 'schedule', e.target.value as 'constant' | 'theory')
                  }
                >
                  {p.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              </label>
            );
          case 'integer':
            if (p.id === 'inner') {
              return (
                <label key={p.id} title={p.description}>
                  inner steps{' '}
                  <input
                    type="number"
                    min={p.min}
                    max={p.max}
                    step={1}
                    aria-label={`${def.name} inner steps`}
                    value={given?.inner ?? p.default}
                    onChange={(e) =>
                      setParam(
                        id,
                        'inner',
                        e.target.value === '' ? undefined : Number(e.target.value),
                      )
                    }
                  />
                </label>
              );
            }
            return (
              <label key={p.id} title={p.description}>
                players{' '}
                <input
                  type="number"
                  min={p.min}
                  max={p.max}
                  step={1}
                  aria-label={`${def.name} players`}
                  value={given?.players ?? p.default}
                  onChange={(e) =>
                    setParam(
                      id,
                      'players',
                      e.target.value === '' ? undefined : Number(e.target.value),
                    )
                  }
                />
              </label>
            );
          case 'weights':
            return null;
        }
      })}
      {error && (
        <span role="alert" className="param-error">
          {error}
        </span>
      )}
    </div>
  );
}
