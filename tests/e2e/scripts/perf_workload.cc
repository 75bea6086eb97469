// A short CPU-bound program for the perf-flame.sh test: main calls
// RunRounds, which alternates two busy loops with distinct names, so the
// folded stacks must show main;RunRounds;SpinAlpha and ...;SpinBeta.
// Usage: perf_workload [MILLISECONDS] (default 400).
#include <chrono>
#include <cstdlib>

namespace {

using Clock = std::chrono::steady_clock;

// noinline keeps each function its own frame, which is what the test
// looks for; volatile keeps the loops from being optimised away.
__attribute__((noinline)) void Spin(Clock::duration how_long) {
  volatile unsigned long x = 0;
  const auto end = Clock::now() + how_long;
  while (Clock::now() < end) {
    for (int i = 0; i < 1000; ++i) x = x + i;
  }
}

}  // namespace

extern "C" __attribute__((noinline)) void SpinAlpha(Clock::duration d) {
  Spin(d * 2);
}
extern "C" __attribute__((noinline)) void SpinBeta(Clock::duration d) {
  Spin(d);
}
extern "C" __attribute__((noinline)) void RunRounds(long ms) {
  // Ten rounds of alpha (2/3 of the time) and beta (1/3).
  const auto step = std::chrono::milliseconds(ms) / 30;
  for (int round = 0; round < 10; ++round) {
    SpinAlpha(step);
    SpinBeta(step);
  }
}

int main(int argc, char** argv) {
  RunRounds(argc > 1 ? std::atol(argv[1]) : 400);
  return 0;
}
