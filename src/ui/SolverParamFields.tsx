import { getSolver, resolveParams, type ResolvedParams, type SolverId } from '../core/solvers';
import { paramIssue, type ParamIssue } from '../state/slices/experiment';
import { useStore, type AppState } from '../state/store';
import { NumberField } from './NumberField';

/** Why the solver's parameters do not fit the race's β (it then sits the race out), if they don't. */
export function conflictOf(
  s: Pick<AppState, 'beta' | 'params'>,
  id: SolverId,
): ParamIssue | undefined {
  try {
    resolveParams(id, s.beta, s.params[id] ?? {});
    return undefined;
  } catch (e) {
    return paramIssue(e, 'eta');
  }
}

function usedParams(id: SolverId, s: Pick<AppState, 'beta' | 'params'>): ResolvedParams | null {
  try {
    return resolveParams(id, s.beta, s.params[id] ?? {});
  } catch {
    return null;
  }
}

/** Field labels of the integer parameters (the reference refresh: "refresh every R"). */
const INTEGER_LABELS = {
  inner: 'inner steps',
  players: 'players',
  refresh: 'refresh every',
} as const;

/**
 * The parameters a solver declares in the registry (η, schedule, players, Nash-MP's inner steps
 * and inner step), each showing the value in use; an empty η goes back to the theory default.
 * A refused edit, or an η that the race's β no longer allows, is named at the field.
 */
export function SolverParamFields({ id }: { id: SolverId }) {
  const def = getSolver(id);
  const given = useStore((s) => s.params[id]);
  const beta = useStore((s) => s.beta);
  const refusedEdit = useStore((s) => s.paramErrors[id]);
  // A string, so that the selector's result compares by value.
  const conflict = useStore((s) => JSON.stringify(conflictOf(s, id) ?? null));
  const setParam = useStore((s) => s.setParam);
  if (def.parameters.length === 0) return null;
  const used = usedParams(id, { beta, params: { [id]: given ?? {} } });
  const issue = refusedEdit ?? (JSON.parse(conflict) as ParamIssue | null);
  const at = (param: string): string | undefined =>
    issue?.param === param ? issue.message : undefined;
  const shownAtField =
    issue && def.parameters.some((p) => p.id === issue.param && p.kind !== 'weights');
  return (
    <div className="params">
      {def.parameters.map((p) => {
        switch (p.kind) {
          case 'number':
            // mpo's magnet strength: its own field (never the η one).
            if (p.id === 'magnet')
              return (
                <NumberField
                  key={p.id}
                  title={p.description}
                  label="magnet"
                  ariaLabel={`${def.name} magnet strength`}
                  min={0}
                  max={p.max}
                  placeholder={String(+p.default(beta).toPrecision(4))}
                  value={given?.magnet}
                  error={at('magnet')}
                  onCommit={(v) => setParam(id, 'magnet', v)}
                />
              );
            return p.id === 'innerStep' ? (
              <NumberField
                key={p.id}
                title={p.description}
                label="α"
                ariaLabel={`${def.name} inner step α`}
                min={0}
                max={p.max}
                placeholder={String(+p.default(beta).toPrecision(4))}
                value={given?.innerStep}
                error={at('innerStep')}

                onCommit={(v) => setParam(id, 'innerStep', v)}
              />
            ) : (
              <NumberField
                key={p.id}
                title={p.description}
                label="η"
                ariaLabel={`${def.name} η`}
                min={0}
                max={p.max}
                placeholder={
                  used?.schedule === 'theory'
                    ? '2/(β(t+2))'
                    : String(+p.default(beta).toPrecision(4))
                }
                value={given?.eta}
                error={at('eta')}

                onCommit={(v) => setParam(id, 'eta', v)}
              />
            );
          case 'enum':
            return (
              <label key={p.id} title={p.description}>
                schedule{' '}
                {at('schedule') && (
                  <span role="alert" className="param-error">
                    {at('schedule')}
                  </span>
                )}
                <select
                  aria-label={`${def.name} schedule`}
                  value={used?.schedule ?? given?.schedule ?? 'constant'}
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
            return (
              <NumberField
                key={p.id}
                title={p.description}
                label={INTEGER_LABELS[p.id]}
                ariaLabel={`${def.name} ${INTEGER_LABELS[p.id]}`}
                step={1}
                integer
                min={p.min}
                max={p.max}
                value={given?.[p.id] ?? p.default}
                error={at(p.id)}
                onCommit={(v) => setParam(id, p.id, v)}
              />
            );
          case 'weights':
            return null;
          case 'mixture':
            // Nash-MD's mixture weight m: empty means η_t·β, Nash-MD's own rule.
            return (
              <NumberField
                key={p.id}
                title={p.description}
                label={p.label}
                ariaLabel={`${def.name} mixture`}
                min={0}
                max={1}
                placeholder="ηβ"
                value={given?.mix}
                error={at('mix')}
                onCommit={(v) => setParam(id, 'mix', v)}
              />
            );
        }
      })}
      {issue && !shownAtField && (
        <span role="alert" className="param-error">
          {issue.message}
        </span>
      )}
    </div>
  );
}
