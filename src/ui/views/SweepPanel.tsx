import { useMemo } from 'react';
import { ColorLegend } from '../../charts/ColorLegend';
import { betaText, REFUSED_SWATCH, SweepHeatmap, sweepColor } from '../../charts/SweepHeatmap';
import { NEVER_COLOR } from '../../charts/BasinMap';
import { SWEEP_SIZE } from '../../experiment/views/sweep';
import { useStore } from '../../state/store';
import { ComputeCaption } from './ComputeCaption';
import { fmtInt } from './format';

/** Per solver, a map over (η, β) settings; a click races with that setting. */
export function SweepPanel() {
  const sweep = useStore((s) => s.sweep);
  const metric = useStore((s) => s.sweepMetric);
  const setViewOptions = useStore((s) => s.setViewOptions);
  const applySetting = useStore((s) => s.applySetting);
  const beta = useStore((s) => s.beta);
  const params = useStore((s) => s.params);
  const custom = useStore((s) => s.custom);
  const applyCustomSetting = useStore((s) => s.applyCustomSetting);
  const budget = useStore((s) => s.budget);
  const maps = sweep?.data ?? [];
  // The iterations the sweep ran: a big game's sweep runs fewer than the budget (limits.ts).
  const steps = maps[0]?.steps ?? budget;
  const color = useMemo(() => sweepColor(metric, steps), [metric, steps]);
  // A big game's sweep is smaller (src/experiment/views/limits.ts): say what was computed.
  const size = maps[0]?.axes.etas.length ?? SWEEP_SIZE;
  const zeroRow = maps[0] ? maps[0].axes.betas[0] === 0 : true;
  const label = `Sweep: ${metric === 'hits' ? 'iterations until KL stays ≤ 1e-6' : 'final KL(π*_β ‖ π_T)'} over ${size} × ${size} log-spaced (η, β) per solver${zeroRow ? ', and a row at β = 0 (KL to the β = 0 equilibrium)' : ''}; click a cell to race with it. ${maps
    .map((m) => {
      const name = m.name;
      const nx = m.axes.etas.length;
      const fastest = (from: number, to: number): number => {
        let best = -1;
        for (let c = from; c < to; c++) {
          const h = m.hits[c]!;
          if (h >= 0 && (best < 0 || h < m.hits[best]!)) best = c;
        }
        return best;
      };
      const hasZero = m.axes.betas[0] === 0;
      const best = fastest(hasZero ? nx : 0, m.hits.length);
      const overall =
        best < 0
          ? `${name}: no setting stays within 1e-6`
          : `${name}: fastest ${m.hits[best]} iterations at η ${m.axes.etas[best % nx]!.toPrecision(2)}, β ${betaText(m.axes.betas[Math.floor(best / nx)]!)}`;
      if (!hasZero) return overall;
      const zero = fastest(0, nx);
      return `${overall}, at β = 0 ${zero < 0 ? 'never within 1e-6' : `${m.hits[zero]} iterations at η ${m.axes.etas[zero]!.toPrecision(2)}`}`;
    })
    .join('; ')}`;
  return (
    <figure className="view" data-tour-target="sweep">
      <figcaption>
        <strong>Sweep</strong> — per solver, {size} × {size} settings of (η, β)
        {zeroRow ? ' and a row at β = 0 (set apart at the bottom)' : ''} in one batch, showing{' '}
        <select
          aria-label="Sweep shows"
          value={metric}
          onChange={(e) => setViewOptions({ sweepMetric: e.target.value as 'finalKL' | 'hits' })}
        >
          <option value="hits">iterations until KL stays ≤ 1e-6</option>
          <option value="finalKL">final KL</option>
        </select>
        . Hover a cell to read it; click it to race with that η and β.
        <ComputeCaption view="sweep" info={sweep?.info} />
      </figcaption>
      <div role="img" aria-label={label} className="small-multiples">
        {maps.map((m) => (
          <SweepHeatmap
            key={m.key}
            map={m}
            title={m.name}
            metric={metric}
            color={color}
            current={{
              eta:
                typeof m.solver === 'string'
                  ? (params[m.solver]?.eta ?? null)
                  : (custom.find((c) => c.id === m.key)?.eta ?? null),
              beta,
            }}
            onPick={(eta, b) =>
              typeof m.solver === 'string'
                ? applySetting(m.solver, eta, b)
                : applyCustomSetting(m.key, eta, b)
            }
          />
        ))}
      </div>
      <ColorLegend
        color={color}
        label={metric === 'hits' ? 'iterations until KL stays ≤ 1e-6' : 'final KL'}
        format={metric === 'hits' ? fmtInt : (v) => v.toExponential(0)}
        extra={[
          ...(metric === 'hits' ? [{ color: NEVER_COLOR, label: 'not within budget' }] : []),
          { ...REFUSED_SWATCH, label: 'refused (ηβ too large)' },
        ]}
      />
    </figure>
  );
}
