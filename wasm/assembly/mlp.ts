// AssemblyScript source of the WebAssembly SIMD dense kernel (built into wasm/build/mlp.wasm by
// `npm run build:wasm`; the loader is src/nn/kernels/wasm.ts). It computes exactly the operation
// order of src/nn/kernels/reference.ts: every output element is ONE sequential float32 reduction
// starting from +0, each product and each sum rounded separately (f32.mul then f32.add; WASM has no
// implicit contraction and no flush-to-zero, and relaxed SIMD is not used). Vectorisation runs ACROSS
// output elements (4 lanes = 4 output columns), never inside a reduction, so the vector path, the
// scalar remainder path and any split of the output range between threads give the same bits.
//
// Pointers are byte addresses into the (imported, shared) linear memory; sizes are element counts.
// The first 64 KiB of memory are never handed out by the JS arena, so no buffer lives at address 0.
// Also exported: the fused relu/softmax SGD step (trainer.ts) and the shared exp/log (fdlibm.ts).
// Not here: memory management (the JS arena).

// C[r, j] for r in [0, R), j in [j0, j1):
//   acc = +0; for t in 0..T-1: acc = f32(acc + f32(A[r*ars + t*ats] * Bm[t*ldb + j]));
//   C[r*ldc + j] = hasBias ? f32(acc + bias[j]) : acc
// forward:    A = x (ars = I, ats = 1), Bm = W (ldb = O), bias = b, C = z, R = B, T = I.
// weightGrad: A = aPrev (ars = 1, ats = I), Bm = dZ (ldb = O), C = dW, R = I, T = B.
// inputGrad:  A = dZ (ars = O, ats = 1), Bm = W^T (ldb = I), C = dA, R = B, T = O.
export function gemm(A: usize, ars: i32, ats: i32, Bm: usize, ldb: i32, hasBias: i32, bias: usize, C: usize, ldc: i32, R: i32, T: i32, j0: i32, j1: i32): void {
  gemmUpd(A, ars, ats, Bm, ldb, hasBias, bias, C, ldc, R, T, j0, j1, 0, 0);
}

// The same, and when upd != 0 the finished sum updates C instead of being stored (SGD, fused):
//   C[r*ldc + j] = f32(C[r*ldc + j] - f32(alpha * acc)).
export function gemmUpd(A: usize, ars: i32, ats: i32, Bm: usize, ldb: i32, hasBias: i32, bias: usize, C: usize, ldc: i32, R: i32, T: i32, j0: i32, j1: i32, upd: i32, alpha: f32): void {
  const arsB = (<usize>ars) << 2;
  const atsB = (<usize>ats) << 2;
  const ldbB = (<usize>ldb) << 2;
  const ldcB = (<usize>ldc) << 2;
  let r = 0;
  for (; r + 4 <= R; r += 4) {
    const a = A + <usize>r * arsB;
    const c = C + <usize>r * ldcB;
    let j = j0;
    for (; j + 8 <= j1; j += 8) block4x8(a, arsB, atsB, Bm + ((<usize>j) << 2), ldbB, T, c + ((<usize>j) << 2), ldcB, hasBias, bias + ((<usize>j) << 2), upd, alpha);
    for (; j < j1; j++) {
      for (let q = 0; q < 4; q++) scalar1(a + <usize>q * arsB, atsB, Bm + ((<usize>j) << 2), ldbB, T, c + <usize>q * ldcB + ((<usize>j) << 2), hasBias, bias + ((<usize>j) << 2), upd, alpha);
    }
  }
  for (; r < R; r++) {
    const a = A + <usize>r * arsB;
    const c = C + <usize>r * ldcB;
    let j = j0;
    for (; j + 8 <= j1; j += 8) block1x8(a, atsB, Bm + ((<usize>j) << 2), ldbB, T, c + ((<usize>j) << 2), hasBias, bias + ((<usize>j) << 2), upd, alpha);
    for (; j < j1; j++) scalar1(a, atsB, Bm + ((<usize>j) << 2), ldbB, T, c + ((<usize>j) << 2), hasBias, bias + ((<usize>j) << 2), upd, alpha);
  }
}

// @ts-ignore: decorator
@inline
function block4x8(a: usize, arsB: usize, atsB: usize, b: usize, ldbB: usize, T: i32, c: usize, ldcB: usize, hasBias: i32, bias: usize, upd: i32, alpha: f32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let pa = a;
  let pb = b;
  const a2 = arsB << 1;
  const a3 = arsB * 3;
  for (let t = 0; t < T; t++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    const x0 = v128.load32_splat(pa);
    const x1 = v128.load32_splat(pa + arsB);
    const x2 = v128.load32_splat(pa + a2);
    const x3 = v128.load32_splat(pa + a3);
    c00 = f32x4.add(c00, f32x4.mul(x0, b0));
    c01 = f32x4.add(c01, f32x4.mul(x0, b1));
    c10 = f32x4.add(c10, f32x4.mul(x1, b0));
    c11 = f32x4.add(c11, f32x4.mul(x1, b1));
    c20 = f32x4.add(c20, f32x4.mul(x2, b0));
    c21 = f32x4.add(c21, f32x4.mul(x2, b1));
    c30 = f32x4.add(c30, f32x4.mul(x3, b0));
    c31 = f32x4.add(c31, f32x4.mul(x3, b1));
    pa += atsB;
    pb += ldbB;
  }
  if (hasBias) {
    const v0 = v128.load(bias);
    const v1 = v128.load(bias, 16);
    c00 = f32x4.add(c00, v0); c01 = f32x4.add(c01, v1);
    c10 = f32x4.add(c10, v0); c11 = f32x4.add(c11, v1);
    c20 = f32x4.add(c20, v0); c21 = f32x4.add(c21, v1);
    c30 = f32x4.add(c30, v0); c31 = f32x4.add(c31, v1);
  }
  if (upd) {
    const av = f32x4.splat(alpha);
    c00 = f32x4.sub(v128.load(c), f32x4.mul(av, c00)); c01 = f32x4.sub(v128.load(c, 16), f32x4.mul(av, c01));
    c10 = f32x4.sub(v128.load(c + ldcB), f32x4.mul(av, c10)); c11 = f32x4.sub(v128.load(c + ldcB, 16), f32x4.mul(av, c11));
    c20 = f32x4.sub(v128.load(c + (ldcB << 1)), f32x4.mul(av, c20)); c21 = f32x4.sub(v128.load(c + (ldcB << 1), 16), f32x4.mul(av, c21));
    c30 = f32x4.sub(v128.load(c + ldcB * 3), f32x4.mul(av, c30)); c31 = f32x4.sub(v128.load(c + ldcB * 3, 16), f32x4.mul(av, c31));
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + ldcB, c10); v128.store(c + ldcB, c11, 16);
  v128.store(c + (ldcB << 1), c20); v128.store(c + (ldcB << 1), c21, 16);
  v128.store(c + ldcB * 3, c30); v128.store(c + ldcB * 3, c31, 16);
}

// @ts-ignore: decorator
@inline
function block1x8(a: usize, atsB: usize, b: usize, ldbB: usize, T: i32, c: usize, hasBias: i32, bias: usize, upd: i32, alpha: f32): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  let pa = a;
  let pb = b;
  for (let t = 0; t < T; t++) {
    const x = v128.load32_splat(pa);
    c0 = f32x4.add(c0, f32x4.mul(x, v128.load(pb)));
    c1 = f32x4.add(c1, f32x4.mul(x, v128.load(pb, 16)));
    pa += atsB;
    pb += ldbB;
  }
  if (hasBias) {
    c0 = f32x4.add(c0, v128.load(bias));
    c1 = f32x4.add(c1, v128.load(bias, 16));
  }
  if (upd) {
    const av = f32x4.splat(alpha);
    c0 = f32x4.sub(v128.load(c), f32x4.mul(av, c0));
    c1 = f32x4.sub(v128.load(c, 16), f32x4.mul(av, c1));
  }
  v128.store(c, c0);
  v128.store(c, c1, 16);
}

// @ts-ignore: decorator
@inline
function scalar1(a: usize, atsB: usize, b: usize, ldbB: usize, T: i32, c: usize, hasBias: i32, bias: usize, upd: i32, alpha: f32): void {
  let acc: f32 = 0;
  let pa = a;
  let pb = b;
  for (let t = 0; t < T; t++) {
    acc = acc + load<f32>(pa) * load<f32>(pb);
    pa += atsB;
    pb += ldbB;
  }
  if (hasBias) acc = acc + load<f32>(bias);
  if (upd) acc = load<f32>(c) - alpha * acc;
  store<f32>(c, acc);
}

// db[j] = sequential over i of f32(acc + dZ[i*O + j]), acc = +0, for j in [j0, j1).
export function biasGrad(dZ: usize, db: usize, B: i32, O: i32, j0: i32, j1: i32): void {
  const ldB = (<usize>O) << 2;
  let j = j0;
  for (; j + 4 <= j1; j += 4) {
    let acc = f32x4.splat(0);
    let p = dZ + ((<usize>j) << 2);
    for (let i = 0; i < B; i++) {
      acc = f32x4.add(acc, v128.load(p));
      p += ldB;
    }
    v128.store(db + ((<usize>j) << 2), acc);
  }
  for (; j < j1; j++) {
    let acc: f32 = 0;
    let p = dZ + ((<usize>j) << 2);
    for (let i = 0; i < B; i++) {
      acc = acc + load<f32>(p);
      p += ldB;
    }
    store<f32>(db + ((<usize>j) << 2), acc);
  }
}

// dst (C x R) = transpose of src (R x C), both row-major float32.
export function transpose(src: usize, dst: usize, R: i32, C: i32): void {
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      store<f32>(dst + ((<usize>(c * R + r)) << 2), load<f32>(src + ((<usize>(r * C + c)) << 2)));
    }
  }
}

// Plain SGD over elements [i0, i1): p[i] = f32(p[i] - f32(alpha * g[i])).
export function sgd(p: usize, g: usize, alpha: f32, i0: i32, i1: i32): void {
  const av = f32x4.splat(alpha);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(p + o, f32x4.sub(v128.load(p + o), f32x4.mul(av, v128.load(g + o))));
  }
  for (; i < i1; i++) {
    const o = (<usize>i) << 2;
    store<f32>(p + o, load<f32>(p + o) - alpha * load<f32>(g + o));
  }
}

export { trainForward, trainBackward } from "./trainer";
export { mathMap } from "./fdlibm";
