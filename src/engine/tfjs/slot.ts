import * as tf from '@tensorflow/tfjs-core';

/**
 * A tensor that outlives the engine's per-step `tf.tidy`: kept on creation, and each new value
 * kept while the one it replaces is disposed. The owner disposes `value` at the end of the run.
 */
export class Slot {
  constructor(public value: tf.Tensor) {
    tf.keep(value);
  }

  set(next: tf.Tensor): void {
    tf.keep(next);
    if (next !== this.value) this.value.dispose();
    this.value = next;
  }
}
