/**
 * Benchmarks: mains, not tests, because their figures depend on a shared and noisy machine and must
 * never fail a build. {@link org.fieldcast.bench.Benchmarks} runs them ({@code src/test/sh/bench.sh});
 * each starts what it measures in processes of its own (simulated cameras, Fieldcast, the ffmpeg
 * baselines, Chromium), prints a table and writes JSON under the build directory.
 */
package org.fieldcast.bench;
