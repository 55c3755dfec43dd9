/**
 * Node flags of the local runtime process (`npm start`; the benchmark's gateway process too).
 * On a machine with lots of memory V8 lets its young generation grow to tens of MB per semi-space;
 * the local gateway then sits near 300 MB under load for no benefit. 8 MB keeps it near 200 MB
 * at no measurable cost in throughput. package.json's `start` script repeats these flags
 * (a unit test keeps the two equal).
 */
export const localRuntimeNodeFlags = ['--max-semi-space-size=8'] as const;
