import { useMemo } from 'react';
import { FlowFieldLayer } from '../../charts/FlowFieldLayer';
import { Simplex } from '../../charts/Simplex';
import { mostMassActions } from '../../experiment/simplexActions';
import { useStore } from '../../state/store';
import { ChartExport } from '../ChartExport';
import type { ChartPanelProps } from './chartSettings';
import { FlowFieldControls } from './FlowFieldControls';
import { styled, useLook } from './look';
import { legendOf } from './series';

/** Renormalized probabilities of three actions: the face of the simplex they span. */
function project(policies: Float64Array, K: number, actions: readonly number[]): Float64Array {
  const T = policies.length / K;
  const out = new Float64Array(3 * T);
  for (let t = 0; t < T; t++) {
    let total = 0;
    for (const a of actions) total += policies[t * K + a]!;
    actions.forEach((a, j) => (out[3 * t + j] = total > 0 ? policies[t * K + a]! / total : 1 / 3));
  }
  return out;
}

/** The trajectories on the simplex (K = 3), or on the face of three chosen actions (K > 3). */
export function SimplexPanel({ race, cursor, exportable }: ChartPanelProps) {
  const chosen = useStore((s) => s.simplexActions);
  const setAction = useStore((s) => s.setSimplexAction);
  const flowOpen = useStore((s) => s.openViews.includes('flow'));
  const flow = useStore((s) => s.flow);
  const flowSolver = useStore((s) => s.flowSolver);
  const look = useLook();
  const { actions, start } = race.settings.game;
  const K = race.K;
  // Until the user picks, the three actions with the most equilibrium mass (not the first three:
  // a dominated action on a vertex would collapse every trajectory onto the opposite edge).
  const shown = K === 3 ? [0, 1, 2] : (chosen ?? mostMassActions(race.equilibrium));
  const onFace = (p: Float64Array): Float64Array => (K === 3 ? p : project(p, K, shown));
  // Built once per race, projection and look: the simplex memoizes the whole trajectories on
  // these, and projecting K > 3 policies on every frame of playback cost frames too.
  const traces = useMemo(
    () =>
      styled(
        race.traces.map((tr) => ({
          id: tr.key,
          name: tr.name,
          color: tr.color,
          dash: tr.dash,
          policies: onFace(tr.policies),
        })),
        look,
      ),
    // onFace reads only K and the chosen actions
    [race, shown.join(','), look.theme, look.isolated],
  );
  const field =
    flowOpen && K === 3
      ? (flow?.data.find((f) => f.key === flowSolver) ?? flow?.data[0])
      : undefined;
  return (
    <ChartExport enabled={exportable} title="Simplex" area="simplex" legend={legendOf(race)}>
      <div className="simplex-panel">
        {K > 3 && (
          <fieldset className="simplex-actions">
            <legend>Actions on the simplex</legend>
            {([0, 1, 2] as const).map((slot) => (
              <select
                key={slot}
                aria-label={`Simplex vertex ${slot + 1}`}
                value={shown[slot]}
                onChange={(e) => setAction(slot, Number(e.target.value))}
              >
                {actions.map((a, i) => (
                  <option key={a} value={i}>
                    {a}
                  </option>
                ))}
              </select>
            ))}
          </fieldset>
        )}
        <Simplex
          labels={[actions[shown[0]!]!, actions[shown[1]!]!, actions[shown[2]!]!]}
          traces={traces}
          cursor={cursor}
          zoom={look.zoom}
          ghost
          times={race.traces[0]!.times}
          {...(race.seeds > 1
            ? {
                note: `seed ${race.queries.kind !== 'exact' ? race.queries.seed : 0} (first of ${race.seeds})`,
              }
            : {})}
          equilibrium={onFace(race.equilibrium)}
          equilibriumName={race.settings.beta === 0 ? 'π*₀' : 'π*_β'}
          nash={onFace(race.nash)}
          start={onFace(start)}
          {...(K === 3
            ? { onPickStart: (p: [number, number, number]) => useStore.getState().setStart(p) }
            : {})}
          {...(field
            ? {
                underlay: (size: number) => (
                  <FlowFieldLayer field={field} size={size} solverName={field.name} />
                ),
              }
            : {})}
        />
        {K === 3 && exportable && <FlowFieldControls race={race} />}
        {K > 3 && exportable && flowOpen && (
          <p className="hint">
            The flow field needs K = 3 actions (this game has {K.toLocaleString('en-US')}).
          </p>
        )}
      </div>
    </ChartExport>
  );
}
