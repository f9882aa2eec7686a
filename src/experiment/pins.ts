/**
 * Pinned races: "Pin" keeps the race on screen as thin grey lines while parameters change, each
 * labelled with what differs from the race shown now ("β 0.1", "η 2"). Up to three, for the
 * session only (not in links); the CSV export can include them.
 */
import { getSolver, isSolverId, type SolverParams } from '../core/solvers';
import { traceMetric, type TraceMetric } from './averages';
import type { Race, RaceSettings } from './race';

export const MAX_PINS = 3;

export interface Pin {
  /** Unique in the session (1, 2, …): keys its lines. */
  id: number;
  race: Race;
}

/** A number as a label shows it: short, exact for the values a control gives. */
function num(x: number): string {
  return String(+x.toPrecision(6));
}

const PARAM_LABELS: Record<keyof SolverParams, string> = {
  eta: 'η',
  schedule: 'schedule',
  players: 'n',
  weights: 'λ',
  inner: 'm',
  innerStep: 'α',
  refresh: 'R',
  magnet: 'magnet',
};

function paramValue(value: SolverParams[keyof SolverParams]): string {
  if (value === undefined) return 'default';
  if (Array.isArray(value)) return value.map(num).join('/');
  return typeof value === 'number' ? num(value) : String(value);
}

/**
 * What the pinned race's settings have that the current ones do not, as short phrases with the
 * pinned values ("β 0.1", "η 2", "Nash-MP η 2, EGPO η 1"): its label beside its lines.
 */
export function pinDifferences(pinned: RaceSettings, current: RaceSettings): string[] {
  const out: string[] = [];
  if (pinned.game !== current.game) {
    const sameMatrix =
      pinned.game.K === current.game.K && pinned.game.P.every((v, i) => v === current.game.P[i]);
    if (!sameMatrix || pinned.game.name !== current.game.name) out.push(pinned.game.name);
    else if (!pinned.game.start.every((v, i) => v === current.game.start[i]))
      out.push(`π₀ (${Array.from(pinned.game.start, (v) => num(v)).join(', ')})`);
    else if (!pinned.game.reference.every((v, i) => v === current.game.reference[i]))
      out.push(`μ (${Array.from(pinned.game.reference, (v) => num(v)).join(', ')})`);
  }
  if (pinned.beta !== current.beta) out.push(`β ${num(pinned.beta)}`);
  if (pinned.budget !== current.budget) out.push(`${pinned.budget} iterations`);
  const pq = pinned.queries ?? { kind: 'exact' };
  const cq = current.queries ?? { kind: 'exact' };
  if (pq.kind !== cq.kind) out.push(pq.kind === 'exact' ? 'exact queries' : 'sampled queries');
  if (pq.kind === 'sampled' && cq.kind === 'sampled') {
    if (pq.samples !== cq.samples) out.push(`n ${pq.samples}`);
    if (pq.seed !== cq.seed) out.push(`seed ${pq.seed}`);
  }
  // Parameters of the solvers both races ran: "η 2", or with the solver's name when several differ.
  const changed: { solver: string; phrase: string }[] = [];
  for (const id of pinned.solvers) {
    if (!current.solvers.includes(id)) continue;
    const a = pinned.params[id] ?? {};
    const b = current.params[id] ?? {};
    for (const key of Object.keys(PARAM_LABELS) as (keyof SolverParams)[]) {
      if (JSON.stringify(a[key]) !== JSON.stringify(b[key]))
        changed.push({ solver: id, phrase: `${PARAM_LABELS[key]} ${paramValue(a[key])}` });
    }
  }
  for (const spec of pinned.custom ?? []) {
    const now = current.custom?.find((c) => c.id === spec.id);
    if (!now) continue;
    if (now.eta !== spec.eta) changed.push({ solver: spec.name, phrase: `η ${num(spec.eta)}` });
    if (now.formula !== spec.formula) changed.push({ solver: spec.name, phrase: 'rule' });
  }
  const solvers = new Set(changed.map((c) => c.solver));
  for (const c of changed)
    out.push(
      solvers.size > 1
        ? `${isSolverId(c.solver) ? getSolver(c.solver).name : c.solver} ${c.phrase}`
        : c.phrase,
    );
  return out;
}

/** The label of a pin: what differs from the race shown, or "same settings". */
export function pinLabel(pinned: RaceSettings, current: RaceSettings | null): string {
  if (!current) return 'pinned';
  const diff = pinDifferences(pinned, current);
  return diff.length ? diff.join(', ') : 'same settings';
}

/** A pinned race's lines of one metric, as the charts draw them (grey; the label once per pin). */
export interface PinnedLines {
  id: number;
  label: string;
  lines: { id: string; name: string; dash: string; values: Float64Array; xs: Float64Array }[];
}

export function pinnedLines(
  pins: readonly Pin[],
  current: RaceSettings | null,
  metric: TraceMetric,
  iterate: 'last' | 'average',
  axis: 'iterations' | 'queries',
): PinnedLines[] {
  return pins.map((pin) => {
    const label = pinLabel(pin.race.settings, current);
    return {
      id: pin.id,
      label,
      lines: pin.race.traces.map((trace) => {
        const q = axis === 'queries' ? trace.queriesPerStep : 1;
        const xs = new Float64Array(trace.times.length);
        for (let i = 0; i < xs.length; i++) xs[i] = trace.times[i]! * q;
        return {
          id: `pin${pin.id}-${trace.key}`,
          name: `${trace.name} (pinned: ${label})`,
          dash: trace.dash,
          values: traceMetric(pin.race, trace, metric, iterate).values,
          xs,
        };
      }),
    };
  });
}

/** Splits one CSV line into its fields (double quotes as raceCsv writes them). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The race's CSV with its pins: a first column `race` ("current", or a pin's label), then the
 * columns of every block (a sampled pin beside an exact race has columns the other leaves empty).
 */
export function csvWithPins(current: string, pins: readonly { label: string; csv: string }[]) {
  // Each CSV opens with `#` comment lines (its caption and hitting times): the current race's come
  // first as they are, each pin's after them, named by its label.
  const comments: string[] = [];
  const blocks = [{ label: 'current', csv: current }, ...pins].map(({ label, csv }, i) => {
    const all = csv.trimEnd().split('\n');
    const notes = all.filter((l) => l.startsWith('#'));
    comments.push(
      ...(i === 0 ? notes : notes.map((l) => `# pin ${label}: ${l.replace(/^#\s?/, '')}`)),
    );
    const [head, ...rows] = all.filter((l) => !l.startsWith('#'));
    return { label, header: csvFields(head!), rows: rows.map(csvFields) };
  });
  const columns: string[] = [];
  for (const b of blocks) for (const c of b.header) if (!columns.includes(c)) columns.push(c);
  const lines = [...comments, ['race', ...columns].map(csvField).join(',')];
  for (const b of blocks) {
    const at = columns.map((c) => b.header.indexOf(c));
    for (const row of b.rows)
      lines.push(
        [csvField(b.label), ...at.map((k) => (k < 0 ? '' : csvField(row[k] ?? '')))].join(','),
      );
  }
  return `${lines.join('\n')}\n`;
}
