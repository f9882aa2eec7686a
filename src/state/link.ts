/**
 * The experiment as text: the field table's JSON, compressed with lz-string and versioned
 * (`v1.…`). Share links (`#s=v1.…`), the autosave and lesson slides use this one codec. Decoding
 * validates every field with the table's checks, so a broken, truncated, old or hostile text
 * yields a message, never an exception or injected markup.
 */
import LZString from 'lz-string';
import { experimentFromJson, experimentToJson, type Experiment } from './fields';

export const LINK_VERSION = 1;
/** Longer texts are refused before any decompression (a 10 MB hash must not stall the page). */
export const MAX_LINK_LENGTH = 64 * 1024;

export type Decoded<T> = { ok: true; value: T } | { ok: false; error: string };

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `v1.` + lz-string of the JSON: the envelope every link and lesson shares. */
export function encodeEnvelope(json: Record<string, unknown>): string {
  return `v${LINK_VERSION}.${LZString.compressToEncodedURIComponent(JSON.stringify({ v: LINK_VERSION, ...json }))}`;
}

/** The JSON inside an envelope, or why it cannot be read. */
export function decodeEnvelope(text: string, what = 'link'): Decoded<Record<string, unknown>> {
  if (text.length > MAX_LINK_LENGTH)
    return fail(`the ${what} is too long (${text.length} characters; at most ${MAX_LINK_LENGTH})`);
  const match = /^v(\d+)\.(.*)$/s.exec(text);
  if (!match) return fail(`the ${what} is not a Nash Playground experiment`);
  const version = Number(match[1]);
  if (version !== LINK_VERSION) {
    return fail(
      version < LINK_VERSION
        ? `the ${what} was made by an older version (v${version}) that this one cannot read`
        : `the ${what} needs a newer version (v${version})`,
    );
  }
  let json: unknown;
  try {
    const text = LZString.decompressFromEncodedURIComponent(match[2]!);
    if (!text) return fail(`the ${what} is truncated or damaged`);
    json = JSON.parse(text);
  } catch {
    return fail(`the ${what} is truncated or damaged`);
  }
  if (!isRecord(json)) return fail(`the ${what} holds no experiment`);
  return { ok: true, value: json };
}

export function encodeExperiment(experiment: Experiment): string {
  return encodeEnvelope(experimentToJson(experiment));
}

export function decodeExperiment(text: string, what = 'link'): Decoded<Experiment> {
  const envelope = decodeEnvelope(text, what);
  if (!envelope.ok) return envelope;
  try {
    return { ok: true, value: experimentFromJson(envelope.value) };
  } catch (e) {
    return fail((e as Error).message);
  }
}
