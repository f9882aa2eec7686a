/** The tfjs backends by name, apart from backends.ts so that the page's pool can name them without loading tfjs. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** The order the tfjs engine tries backends in: GPU first, then CPU. */
export const BACKEND_CHAIN: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
