// The fused SGD step of the WASM kernel for float32 MLPs with relu hidden layers and a softmax
// output: a port of native/src/trainer.h (see there for the operation order and why the fused
// update gives the generic path's bits). Buffers live in the JS arena; their addresses are in a
// descriptor of i32 words written by src/nn/kernels/wasm-trainer.ts (layout: the D_* constants).
// B = batch rows, n[l] = width of layer l (n[0] = features), L = number of dense layers.

import { gemmUpd } from "./mlp";
import { fdExp, fdLog } from "./fdlibm";

const D_L = 0;
const D_N = 2; // n[l] at D_N + l, l = 0..16
const D_Z = 19; // byte addresses per layer l: z, a, drop, dZ, mask
const D_A = 36;
const D_DROP = 53;
const D_DZ = 70;
const D_MASK = 87;
const D_XB = 104;
const D_YB = 105;
const D_WT = 106;
const D_OUT = 107; // two f64: loss sum, correct count
const D_WOFF = 108; // element offsets of W_l and b_l in the parameter buffer
const D_BOFF = 125;

// @ts-ignore: decorator
@inline
function w(d: usize, i: i32): i32 {
  return load<i32>(d + ((<usize>i) << 2));
}
// @ts-ignore: decorator
@inline
function f(p: usize, i: i32): usize {
  return p + ((<usize>i) << 2);
}

/**
 * Forward pass, softmax, loss, argmax on the gathered batch (xb, yb); out = [loss sum, correct].
 * skipFirst != 0: layer 1's z = xb @ W1 + b1 was already computed (split across threads by JS).
 */
export function trainForward(d: usize, P: usize, useMasks: i32, B: i32, skipFirst: i32): void {
  const L = w(d, D_L);
  let input = <usize>w(d, D_XB);
  for (let l = 1; l <= L; l++) {
    const I = w(d, D_N + l - 1), O = w(d, D_N + l), n = B * O;
    const z = <usize>w(d, D_Z + l);
    if (l > 1 || !skipFirst) gemmUpd(input, I, 1, f(P, w(d, D_WOFF + l)), O, 1, f(P, w(d, D_BOFF + l)), z, O, B, I, 0, O, 0, 0);
    if (l == L) break;
    const a = <usize>w(d, D_A + l);
    for (let i = 0; i < n; i++) {
      const v = load<f32>(f(z, i));
      store<f32>(f(a, i), v > 0 || v != v ? v : <f32>0);
    }
    input = a;
    if (useMasks) {
      const m = <usize>w(d, D_MASK + l), dr = <usize>w(d, D_DROP + l);
      for (let i = 0; i < n; i++) store<f32>(f(dr, i), load<f32>(f(a, i)) * load<f32>(f(m, i)));
      input = dr;
    }
  }
  const O = w(d, D_N + L);
  const z = <usize>w(d, D_Z + L), p = <usize>w(d, D_A + L), yb = <usize>w(d, D_YB);
  const pMin = <f32>1e-12;
  let total: f64 = 0;
  let correct = 0;
  for (let i = 0; i < B; i++) {
    const zr = f(z, i * O), pr = f(p, i * O);
    let m = load<f32>(zr);
    for (let j = 1; j < O; j++) {
      const v = load<f32>(f(zr, j));
      if (v > m || v != v) m = v;
    }
    let s: f32 = 0;
    for (let j = 0; j < O; j++) {
      const e = <f32>fdExp(<f64>(load<f32>(f(zr, j)) - m));
      store<f32>(f(pr, j), e);
      s = s + e;
    }
    for (let j = 0; j < O; j++) store<f32>(f(pr, j), load<f32>(f(pr, j)) / s);
    const y = load<i32>(f(yb, i));
    const q = load<f32>(f(pr, y));
    const c: f32 = q != q ? q : q < pMin ? pMin : q > <f32>1 ? <f32>1 : q;
    total += <f64><f32>(-fdLog(<f64>c));
    let best = 0;
    let bestV = load<f32>(pr);
    if (bestV == bestV) {
      for (let j = 1; j < O; j++) {
        const v = load<f32>(f(pr, j));
        if (v != v) {
          best = j;
          break;
        }
        if (v > bestV) {
          bestV = v;
          best = j;
        }
      }
    }
    if (best == y) correct++;
  }
  const out = <usize>w(d, D_OUT);
  store<f64>(out, total);
  store<f64>(out, <f64>correct, 8);
}

/**
 * Backward pass with the SGD update fused in (native/src/trainer.h trainer_backward).
 * skipFirstW != 0: leaves W1's update (an independent gemm) to JS, which splits it across threads.
 */
export function trainBackward(d: usize, P: usize, useMasks: i32, B: i32, alpha: f32, skipFirstW: i32): void {
  const L = w(d, D_L);
  {
    const O = w(d, D_N + L);
    const fb = <f32>B;
    const p = <usize>w(d, D_A + L), dZ = <usize>w(d, D_DZ + L), yb = <usize>w(d, D_YB);
    for (let i = 0; i < B; i++) {
      const label = load<i32>(f(yb, i));
      for (let j = 0; j < O; j++) store<f32>(f(dZ, i * O + j), (load<f32>(f(p, i * O + j)) - (j == label ? <f32>1 : <f32>0)) / fb);
    }
  }
  for (let l = L; l >= 1; l--) {
    const I = w(d, D_N + l - 1), O = w(d, D_N + l);
    const W = f(P, w(d, D_WOFF + l)), b = f(P, w(d, D_BOFF + l));
    const dZ = <usize>w(d, D_DZ + l);
    const input = <usize>(l == 1 ? w(d, D_XB) : useMasks ? w(d, D_DROP + l - 1) : w(d, D_A + l - 1));
    if (l > 1) {
      const wt = <usize>w(d, D_WT);
      for (let k = 0; k < I; k++) for (let j = 0; j < O; j++) store<f32>(f(wt, j * I + k), load<f32>(f(W, k * O + j)));
      const dA = <usize>w(d, D_DZ + l - 1);
      gemmUpd(dZ, O, 1, wt, I, 0, 0, dA, I, B, O, 0, I, 0, 0);
      const n = B * I;
      if (useMasks) {
        const m = <usize>w(d, D_MASK + l - 1);
        for (let i = 0; i < n; i++) store<f32>(f(dA, i), load<f32>(f(dA, i)) * load<f32>(f(m, i)));
      }
      const z = <usize>w(d, D_Z + l - 1);
      for (let i = 0; i < n; i++) store<f32>(f(dA, i), load<f32>(f(dA, i)) * (load<f32>(f(z, i)) > 0 ? <f32>1 : <f32>0));
    }
    if (l > 1 || !skipFirstW) gemmUpd(input, 1, I, dZ, O, 0, 0, W, O, I, B, 0, O, 1, alpha);
    for (let j = 0; j < O; j++) {
      let acc: f32 = 0;
      for (let i = 0; i < B; i++) acc = acc + load<f32>(f(dZ, i * O + j));
      store<f32>(f(b, j), load<f32>(f(b, j)) - alpha * acc);
    }
  }
}
