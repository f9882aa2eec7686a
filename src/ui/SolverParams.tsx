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
            return p.id === 'innerStep' ? (
              <NumberParam
                key={p.id}
                title={p.description}
                text="α"
                ariaLabel={`${def.name} inner step α`}
                step="any"
                min={0}
                max={p.max}
                placeholder={String(+p.default(beta).toPrecision(4))}
                value={given?.innerStep ?? ''}
                onValue={(v) => setParam(id, 'innerStep', v)}
              />
            ) : (
              <NumberParam
                key={p.id}
                title={p.description}
                text="η"
                ariaLabel={`${def.name} η`}
                step="any"
                min={0}
                max={p.max}
                placeholder={
                  used?.schedule === 'theory'
                    ? '2/(β(t+2))'
                    : String(+p.default(beta).toPrecision(4))
                }
                value={given?.eta ?? ''}
                onValue={(v) => setParam(id, 'eta', v)}
              />
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
            return p.id === 'inner' ? (
              <NumberParam
                key={p.id}
                title={p.description}
                text="inner steps"
                ariaLabel={`${def.name} inner steps`}
                step={1}
                min={p.min}
                max={p.max}
                value={given?.inner ?? p.default}
                onValue={(v) => setParam(id, 'inner', v)}
              />
            ) : (
              <NumberParam
                key={p.id}
                title={p.description}
                text="players"
                ariaLabel={`${def.name} players`}
                step={1}
                min={p.min}
                max={p.max}
                value={given?.players ?? p.default}
                onValue={(v) => setParam(id, 'players', v)}
              />
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

/** One numeric parameter field; an emptied field hands back undefined (the default again). */
function NumberParam({
  title,
  text,
  ariaLabel,
  step,
  min,
  max,
  placeholder,
  value,
  onValue,
}: {
  title: string;
  text: string;
  ariaLabel: string;
  step: number | 'any';
  min: number;
  max: number;
  placeholder?: string;
  value: number | '';
  onValue: (value: number | undefined) => void;
}) {
  return (
    <label title={title}>
      {text}{' '}
      <input
        type="number"
        step={step}
        min={min}
        max={max}
        aria-label={ariaLabel}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onValue(e.target.value === '' ? undefined : Number(e.target.value))}
      />
    </label>
  );
}
