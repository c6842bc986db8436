#!/usr/bin/env python3
"""Golden vectors for src/nn/float16.ts: float32 inputs and NumPy's x.astype(float16).astype(float32),
both as uint32 bit patterns (so -0, inf and NaN survive JSON). Edge cases (ties to even, subnormals,
overflow, signed zero) followed by random values over the whole float16 range.
Usage: python3 scripts/reference/float16_golden.py > test/fixtures/reference/float16.json"""
import json

import numpy as np

F = np.float32
edge = [0.0, -0.0, 1.0, -1.0, 65504.0, 65505.0, 65519.0, 65519.996, 65520.0, -65520.0, 65536.0, 1e6, np.inf, -np.inf,
        2.0**-24, 2.0**-25, 1.5 * 2.0**-25, 3 * 2.0**-25, 5 * 2.0**-25, -(2.0**-25), 2.0**-26, 2.0**-14,
        2.0**-14 - 2.0**-25, 2.0**-14 - 2.0**-24, 1 + 2.0**-11, 1 + 3 * 2.0**-11, 1 + 2.0**-11 + 2.0**-20,
        2049.0, 2051.0, 2050.0, -2049.0, 1e-40, -1e-40, 1e-45, 0.1, 0.2, 1 / 3, 3.14159265, 6.1e-5, 5.96e-8]
rng = np.random.default_rng(2024)
rand = (rng.standard_normal(600) * np.exp2(rng.integers(-28, 17, 600))).astype(F)
x = np.concatenate([np.array(edge, dtype=F), rand, np.array([np.nan], dtype=F)])
y = x.astype(np.float16).astype(F)
print(json.dumps({"generator": "scripts/reference/float16_golden.py", "numpy": np.__version__,
                  "inputBits": x.view(np.uint32).tolist(), "outputBits": y.view(np.uint32).tolist()}))
