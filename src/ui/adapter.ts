/**
 * Asks WebGPU once which adapter it would use, for the engine line: the GPU engines' device,
 * named whichever engine ran the race (e.g. "WebGPU (SwiftShader), a software fallback").
 */
import { adapterInfo } from '../engine/adapter';
import { useStore } from '../state/store';

export async function probeAdapter(): Promise<void> {
  let text: string;
  try {
    const info = await adapterInfo();
    text = info
      ? `${info.label}${info.fallback ? ', a software fallback' : ''}`
      : 'no WebGPU adapter in this browser';
  } catch (e) {
    text = `WebGPU adapter unavailable (${(e as Error).message.slice(0, 80)})`;
  }
  useStore.getState().setAdapter(text);
}
