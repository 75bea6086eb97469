#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "common/watch/pprof_index.h"
#include "common/watch/proc_stats.h"

namespace watch {
namespace {

// The index page of Go 1.19's net/http/pprof (trimmed).
constexpr char kIndex[] =
    "<table>\n<thead><td>Count</td><td>Profile</td></thead>\n"
    "<tr><td>12</td><td><a href='allocs?debug=1'>allocs</a></td></tr>\n"
    "<tr><td>2023</td><td><a href='goroutine?debug=1'>goroutine</a></td></tr>\n"
    "<tr><td>7</td><td><a href='threadcreate?debug=1'>threadcreate</a></td>"
    "</tr>\n</table>\n<a href=\"goroutine?debug=2\">full goroutine stack "
    "dump</a>\n";

TEST(PprofIndex, Counts) {
  EXPECT_EQ(IndexCount(kIndex, "goroutine"), 2023);
  EXPECT_EQ(IndexCount(kIndex, "threadcreate"), 7);
  EXPECT_EQ(IndexCount(kIndex, "allocs"), 12);
  EXPECT_EQ(IndexCount(kIndex, "heap"), -1);
  EXPECT_EQ(IndexCount("<a>goroutine</a>", "goroutine"), -1);
  EXPECT_EQ(
      IndexCount("<tr><td>x</td><td><a href=''>goroutine</a>", "goroutine"),
      -1);
}

TEST(PprofIndex, HeapInuse) {
  EXPECT_EQ(HeapInuseFromExpvar("{\"memstats\": {\"Alloc\": 5, \"HeapInuse\": "
                                "4202496, \"HeapIdle\": 1}}"),
            4202496);
  EXPECT_EQ(HeapInuseFromExpvar("{\"cmdline\": []}"), -1);
  EXPECT_EQ(HeapInuseFromDebugHeap("heap profile: 1: 2 [3: 4] @ heap/1\n\n"
                                   "# runtime.MemStats\n# HeapIdle = 9\n"
                                   "# HeapInuse = 1015808\n"),
            1015808);
  EXPECT_EQ(HeapInuseFromDebugHeap("heap profile: 1: 2 [3: 4] @ heap/1\n"), -1);
}

TEST(ProcStats, StatusAndStat) {
  ProcStats s;
  ParseProcStatus(
      "Name:\tsvc\nState:\tS (sleeping)\nVmPeak:\t  9000 kB\n"
      "VmRSS:\t    2048 kB\nThreads:\t13\n",
      &s);
  EXPECT_EQ(s.threads, 13);
  EXPECT_EQ(s.rss_bytes, 2048 * 1024);
  // kB * 1024 would overflow (found by the fuzzer): no value.
  ParseProcStatus("VmRSS:9063144058915891\n", &s);
  EXPECT_EQ(s.rss_bytes, -1);
  // A command name with spaces and a ')' of its own.
  ASSERT_TRUE(
      ParseProcStat("4242 (my (odd) prog) S 1 4242 4242 0 -1 4194560 100 0 0 0 "
                    "250 50 0 0 20 0 13 0 123 1000 200\n",
                    &s));
  EXPECT_EQ(s.cpu_ticks, 300u);
  EXPECT_FALSE(ParseProcStat("4242 (x) S 1 2\n", &s));
  EXPECT_FALSE(ParseProcStat("garbage", &s));
}

TEST(ProcStats, ReadsThisProcess) {
  ProcStats s;
  uint64_t bytes = 0;
  std::string error;
  ASSERT_TRUE(ReadProcStats(::getpid(), &s, &bytes, &error)) << error;
  EXPECT_GE(s.threads, 1);
  EXPECT_GT(s.rss_bytes, 0);
  EXPECT_GT(bytes, 0u);
  EXPECT_FALSE(ReadProcStats(0x3fffff, &s, &bytes, &error));
  EXPECT_NE(error.find("/proc/4194303/status"), std::string::npos) << error;
}

TEST(ProcStats, CpuPercent) {
  const double hz = static_cast<double>(::sysconf(_SC_CLK_TCK));
  EXPECT_DOUBLE_EQ(CpuPercent(0, static_cast<uint64_t>(hz), 2.0), 50.0);
  EXPECT_EQ(CpuPercent(10, 5, 1.0), 0);  // counter went back: no value
  EXPECT_EQ(CpuPercent(0, 5, 0), 0);
}

}  // namespace
}  // namespace watch
