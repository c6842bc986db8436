{
  "targets": [
    {
      "target_name": "repro_audit_mlp",
      "sources": ["src/mlp.cc"],
      "cflags!": ["-ffast-math"],
      "cflags_cc!": ["-ffast-math"],
      "cflags_cc": ["-O3", "-std=c++17", "-ffp-contract=off", "-fno-fast-math", "-fopenmp", "-fno-exceptions"],
      "ldflags": ["-fopenmp"]
    }
  ]
}
