// The in-memory dataset type lives with the training core that consumes it (src/nn/dataset.ts);
// loaders import it from here so the data layer reads naturally.

export type { Dataset } from "../nn/dataset.js";
