import { useMemo } from 'react';
import { LogLineChart, type Series } from '../../charts/LogLineChart';
import type { Race } from '../../experiment/race';
import { epsilonText } from '../../experiment/hits';
import { staysWithinFrom } from '../../core/hitting';
import { beatsDefault, defaultSettingText, TUNE_EPSILON } from '../../experiment/views/tune';
import { useStore } from '../../state/store';
import { styled } from '../panels/look';
import { klTarget } from '../panels/series';
import { ComputeCaption } from './ComputeCaption';
import { fmtInt } from './format';

function klSeries(race: Race): Series[] {
  return race.traces.map((tr) => {
    return {
      id: tr.key,
      name: tr.name,
      color: tr.color,
      dash: tr.dash,
      values: tr.klToNE,
      xs: Float64Array.from(tr.times, (t) => t * tr.queriesPerStep),
      times: tr.times,
      floor: tr.atFloor,
    };
  });
}

export function FairRacePanel() {
  const fair = useStore((s) => s.fair);
  const setViewOpen = useStore((s) => s.setViewOpen);
  const theme = useStore((s) => s.theme);
  const data = fair?.data;
  const epsilon = data?.epsilon ?? TUNE_EPSILON;
  const eps = epsilonText(epsilon);
  const defaults = useMemo(
    () => (data ? styled(klSeries(data.defaults), { theme, isolated: null }) : []),
    [data, theme],
  );
  const tuned = useMemo(
    () => (data ? styled(klSeries(data.tunedRace), { theme, isolated: null }) : []),
    [data, theme],
  );
  // At β = 0 (or with every solver refreshed) KL is to π*₀, and the axes say so.
  const target = data ? klTarget(data.defaults) : 'π*_β';
  const shortTarget = target.length > 4 ? 'π*' : target;
  return (
    <section className="view fair" aria-label="Fair race">
      <h3>
        Fair race: defaults vs each solver&apos;s best constant η{' '}
        <button type="button" className="link" onClick={() => setViewOpen('fair', false)}>
          close
        </button>
      </h3>
      <ComputeCaption view="fair" info={fair?.info} />
      {data && (
        <>
          <table className="tuned" aria-label="Tuned steps">
            <thead>
              <tr>
                <th>solver</th>
                <th>best constant η</th>
                <th>iterations until KL stays ≤ {eps}</th>
                <th>default</th>
                <th>with the default</th>
                <th>tuned race runs</th>
              </tr>
            </thead>
            <tbody>
              {data.tuned.map((t) => {
                const d = data.defaults.traces.find((tr) => tr.key === t.key);
                // The same count as the tuning: from where KL stays within ε to the end.
                const settled = d ? staysWithinFrom(d.klToNE, epsilon) : -1;
                const first = settled >= 0 ? d!.times[settled]! : -1;
                const better = !d || beatsDefault(t, d, epsilon);
                return (
                  <tr key={t.key} data-keeps-default={better ? undefined : ''}>
                    <td>{t.name}</td>
                    <td>{t.eta.toPrecision(3)}</td>
                    <td>{t.hit >= 0 ? fmtInt(t.hit) : 'not within budget'}</td>
                    <td>{d ? defaultSettingText(d.params) : '—'}</td>
                    <td>{first >= 0 ? fmtInt(first) : 'not within budget'}</td>
                    <td>
                      {better
                        ? `η ${t.eta.toPrecision(3)}`
                        : `the default (${d ? defaultSettingText(d.params) : ''}): no constant η is faster`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="chart-row">
            <LogLineChart
              title="Theory defaults"
              description={`KL(${target}‖π_t) with each solver's default step (a theory schedule or its default η), per preference query`}
              series={defaults}
              cursor={data.defaults.budget}
              xLabel="preference queries"
              yLabel={`KL(${shortTarget} ‖ π_t)`}
            />
            <LogLineChart
              title="Best constant η"
              description={`KL(${target}‖π_t) with each solver's best constant η (after which KL stays ≤ ${eps} soonest), or its default where no constant η is faster, per preference query`}
              series={tuned}
              cursor={data.tunedRace.budget}
              xLabel="preference queries"
              yLabel={`KL(${shortTarget} ‖ π_t)`}
            />
          </div>
          <p className="hint">
            Fictitious play and RM+ have no step size and are left out of tuning. Constant steps are
            tried from 10⁻³ to 10² on a log grid; settings a solver refuses (ηβ above its limit) are
            skipped. A solver whose default (Nash-MD’s and INPO’s theory schedule η_t = 2/(β(t+2)),
            or a default η) is at least as fast as every constant η keeps its default in the
            right-hand race. ε is the one chosen above the charts.
          </p>
        </>
      )}
    </section>
  );
}
