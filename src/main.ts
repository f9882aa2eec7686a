import './ui/style.css';
import { parseGame } from './core/validate';
import { buildPreset, DEFAULT_PRESET } from './core/presets';
import { describeWebGPU, renderSummary } from './ui/summary';

const root = document.getElementById('root')!;
try {
  renderSummary(root, parseGame(buildPreset(DEFAULT_PRESET)));
  void describeWebGPU().then((text) => {
    const node = root.querySelector('[data-testid="webgpu"]');
    if (node) node.textContent = text;
  });
} catch (e) {
  root.textContent = `Nash Playground failed to start: ${(e as Error).message}`;
}
