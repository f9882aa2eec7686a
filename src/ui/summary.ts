/**
 * The interim page (until the app lands): the default game, its equilibrium and how close each
 * registered solver gets in 1,000 float64 iterations. DOM only through textContent: labels are data.
 */
import { solveEquilibrium } from '../core/equilibrium';
import type { Game } from '../core/game';
import { runReference } from '../core/run';
import { SOLVERS } from '../core/solvers';

export const SUMMARY_BETA = 0.1;
export const SUMMARY_STEPS = 1000;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

const fmt = (v: number): string => (v === 0 ? '0' : Number.isFinite(v) ? v.toExponential(2) : '∞');

export function renderSummary(root: HTMLElement, game: Game): void {
  root.replaceChildren();
  const main = el('main');
  main.append(el('h1', 'Nash Playground'));
  main.append(
    el(
      'p',
      'NLHF solvers racing on intransitive preference games. The interactive app is on its way; this page runs the float64 reference engine in your browser.',
    ),
  );

  const eq = solveEquilibrium(game, SUMMARY_BETA);
  const gameSection = el('section', undefined, { 'aria-label': 'Game' });
  gameSection.append(el('h2', `Game: ${game.name}`), el('p', game.description));
  const matrix = el('table', undefined, { 'aria-label': 'Preference matrix' });
  const head = el('tr');
  head.append(el('th', 'P[i][j]'), ...game.actions.map((a) => el('th', a, { scope: 'col' })));
  matrix.append(head);
  game.actions.forEach((a, i) => {
    const row = el('tr');
    row.append(
      el('th', a, { scope: 'row' }),
      ...game.actions.map((_, j) => el('td', String(game.P[i * game.K + j]))),
    );
    matrix.append(row);
  });
  gameSection.append(matrix);
  gameSection.append(
    el(
      'p',
      `π*_β at β = ${SUMMARY_BETA}: (${Array.from(eq.policy, (v) => v.toFixed(4)).join(', ')})`,
      { 'data-testid': 'equilibrium' },
    ),
  );
  main.append(gameSection);

  const solvers = el('section', undefined, { 'aria-label': 'Solvers' });
  solvers.append(
    el(
      'h2',
      `KL(π*_β‖π_t) after ${SUMMARY_STEPS} iterations from π₀ = (${Array.from(game.start, (v) => v.toFixed(2)).join(', ')})`,
    ),
  );
  const table = el('table', undefined, { 'aria-label': 'Solver results' });
  const header = el('tr');
  header.append(
    el('th', 'Solver', { scope: 'col' }),
    el('th', 'Paper', { scope: 'col' }),
    el('th', 'Queries', { scope: 'col' }),
    el('th', 'KL to π*_β', { scope: 'col' }),
    el('th', 'Exploitability', { scope: 'col' }),
  );
  table.append(header);
  for (const s of SOLVERS) {
    const r = runReference({
      game,
      solver: s.id,
      beta: SUMMARY_BETA,
      steps: SUMMARY_STEPS,
      every: SUMMARY_STEPS,
    });
    const row = el('tr', undefined, { 'data-solver': s.id });
    const name = el('th', undefined, { scope: 'row' });
    const swatch = el('span', '■ ', { 'aria-hidden': 'true', style: `color:${s.color}` });
    name.append(swatch, document.createTextNode(s.name));
    const paper = el('td');
    paper.append(
      el('a', `${s.paper.authors} ${s.paper.year}`, {
        href: s.paper.url,
        rel: 'noopener noreferrer',
        target: '_blank',
      }),
    );
    row.append(
      name,
      paper,
      el('td', String(r.queries)),
      el('td', fmt(r.final.metrics.klToNE), { 'data-metric': 'klToNE' }),
      el('td', fmt(r.final.metrics.exploitability)),
    );
    table.append(row);
  }
  solvers.append(table);
  main.append(solvers);

  main.append(el('p', 'WebGPU: checking…', { 'data-testid': 'webgpu', 'aria-live': 'polite' }));
  root.append(main);
}

/** Reports whether this browser offers a WebGPU adapter (the engine's first choice). */
export async function describeWebGPU(): Promise<string> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return 'WebGPU: not available in this browser';
  try {
    const adapter = (await gpu.requestAdapter()) as {
      info?: { vendor?: string; architecture?: string };
      isFallbackAdapter?: boolean;
    } | null;
    if (!adapter) return 'WebGPU: no adapter';
    const info = adapter.info ?? {};
    const fallback =
      adapter.isFallbackAdapter || (info as { isFallbackAdapter?: boolean }).isFallbackAdapter;
    return `WebGPU: ${info.vendor || 'unknown vendor'} ${info.architecture || ''}${fallback ? ' (software fallback)' : ''}`.trim();
  } catch (e) {
    return `WebGPU: error (${(e as Error).message})`;
  }
}
