/**
 * What WebGPU reports about its adapter, for the engine line. Apart from the tfjs backends so
 * that the page can ask without loading tfjs.
 */
/**
 * Adapter description for the engine label, e.g. "WebGPU (SwiftShader)" or "WebGPU (nvidia
 * ampere)": the vendor and architecture the adapter reports, or its description.
 */
export async function adapterInfo(): Promise<{ label: string; fallback: boolean } | null> {
  const gpu = (globalThis.navigator as { gpu?: GPU } | undefined)?.gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter();
  if (!adapter) return null;
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const fallback = Boolean(
    (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter ??
    info.isFallbackAdapter,
  );
  const swiftShader = info.architecture === 'swiftshader';
  const parts = [...new Set([info.vendor, info.architecture].filter(Boolean))];
  const name = swiftShader
    ? 'SwiftShader'
    : parts.join(' ') || info.description || 'unknown adapter';
  return { label: `WebGPU (${name})`, fallback: fallback || swiftShader };
}
