/**
 * Engines by name, the contract shared by the UI, the CLI and the benchmark:
 * `reference` (float64), `tfjs` (per-step tfjs ops on any backend), `fused` (WebGPU kernels),
 * `auto` (the fastest of them for the workload, calibrated on this device).
 */
import { AutoEngine } from './auto';
import { BACKEND_CHAIN, useBackend, type BackendName } from './backends';
import { softwareGpus } from './softwareGpu';
import { exclusiveTfjs } from './tfjsLock';
import { FallbackEngine } from './fallback';
import { FusedEngine } from './fused/engine';
import { ReferenceEngine } from './reference';
import { TfjsEngine } from './tfjs/engine';
import type { Engine, EngineName } from './types';

export interface EngineEnvironment {
  /** Backends the tfjs engine may use, in order. Node: wasm, cpu. Browser: webgpu, webgl, wasm, cpu. */
  tfjsBackends?: readonly BackendName[];
  /** Backends auto may calibrate the tfjs engine on (default: the CPU-side ones, wasm then cpu). */
  autoTfjsBackends?: readonly BackendName[];
  /** Leave webgl and the fused kernels out of auto where they are software (softwareGpu.ts). */
  autoSkipsSoftwareGpu?: boolean;
}

export async function createEngine(name: EngineName, env: EngineEnvironment = {}): Promise<Engine> {
  const tfjsChain = env.tfjsBackends ?? BACKEND_CHAIN;
  const cpuChain = tfjsChain.filter((b) => b !== 'webgpu');
  switch (name) {
    case 'reference':
      return new ReferenceEngine();
    case 'tfjs':
      return new FallbackEngine(new TfjsEngine({ backends: tfjsChain }), [new ReferenceEngine()]);
    case 'fused':
      return new FallbackEngine(new FusedEngine(), [
        new TfjsEngine({ backends: cpuChain }),
        new ReferenceEngine(),
      ]);
    case 'auto': {
      const candidates: Engine[] = [new ReferenceEngine()];
      const software = env.autoSkipsSoftwareGpu
        ? await softwareGpus()
        : { webgl: false, webgpu: false };
      // Trying a backend switches tfjs's global one: not while another engine runs on it.
      await exclusiveTfjs(async () => {
        for (const backend of env.autoTfjsBackends ?? (['wasm', 'webgl'] as const)) {
          if (backend === 'webgl' && software.webgl) continue;
          if (tfjsChain.includes(backend) && (await useBackend(backend)))
            candidates.push(new TfjsEngine({ backends: [backend] }));
        }
        if (!software.webgpu && tfjsChain.includes('webgpu') && (await useBackend('webgpu')))
          candidates.push(new FusedEngine());
      });
      return new AutoEngine(candidates);
    }
  }
}

export { AutoEngine, FallbackEngine, FusedEngine, ReferenceEngine, TfjsEngine };
export * from './types';
