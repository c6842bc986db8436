// Parameter layout: every weight and bias of the network lives in ONE Float32Array, described
// once by a spec list [{name: "W1", shape: [n0, n1]}, {name: "b1", shape: [n1]}, {name: "W2", ...}].
// Hashing, checkpointing and the SGD update all walk this one buffer in this one order
// (after llm.c's malloc_and_point_parameters). W is (n_in, n_out) row-major so a layer is x @ W + b.
// Not here: initial values (init.ts).

export interface ParamEntry {
  name: string;
  shape: number[];
  offset: number;
  size: number;
}

export interface ParamLayout {
  entries: ParamEntry[];
  total: number;
}

/** The parameter spec list for an MLP with these layer widths, in buffer order W1, b1, W2, b2, ... */
export function paramLayout(layerSizes: readonly number[]): ParamLayout {
  const entries: ParamEntry[] = [];
  let offset = 0;
  const push = (name: string, shape: number[]): void => {
    const size = shape.reduce((p, d) => p * d, 1);
    entries.push({ name, shape, offset, size });
    offset += size;
  };
  for (let l = 1; l < layerSizes.length; l++) {
    push(`W${l}`, [layerSizes[l - 1]!, layerSizes[l]!]);
    push(`b${l}`, [layerSizes[l]!]);
  }
  return { entries, total: offset };
}

/** Named subarray views into `buffer` (they share its memory). */
export function paramViews<T extends Float32Array | Float64Array>(layout: ParamLayout, buffer: T): Map<string, T> {
  const views = new Map<string, T>();
  for (const e of layout.entries) views.set(e.name, buffer.subarray(e.offset, e.offset + e.size) as T);
  return views;
}
