import { useMemo } from 'react';
import { ColorLegend } from '../../charts/ColorLegend';
import { REFUSED_SWATCH, SweepHeatmap, sweepColor } from '../../charts/SweepHeatmap';
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
  const color = useMemo(() => sweepColor(metric, budget), [metric, budget]);
  const maps = sweep?.data ?? [];
  const label = `Sweep: ${metric === 'hits' ? 'iterations until KL stays ≤ 1e-6' : 'final KL(π*_β ‖ π_T)'} over ${SWEEP_SIZE} × ${SWEEP_SIZE} log-spaced (η, β) per solver; click a cell to race with it. ${maps
    .map((m) => {
      let best = -1;
      m.hits.forEach((h, c) => {
        if (h >= 0 && (best < 0 || h < m.hits[best]!)) best = c;
      });
      if (best < 0) return `${m.name}: no setting stays within 1e-6`;
      const eta = m.axes.etas[best % m.axes.etas.length]!;
      const b = m.axes.betas[Math.floor(best / m.axes.etas.length)]!;
      return `${m.name}: fastest ${m.hits[best]} iterations at η ${eta.toPrecision(2)}, β ${b.toPrecision(2)}`;
    })
    .join('; ')}`;
  return (
    <figure className="view">
      <figcaption>
        <strong>Sweep</strong> — per solver, {SWEEP_SIZE} × {SWEEP_SIZE} settings of (η, β) in one
        batch, showing{' '}
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
