#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "common/watch/capture_plan.h"
#include "common/watch/disk_budget.h"
#include "common/watch/evidence_report.h"

namespace watch {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    char name[] = "/tmp/watch-test.XXXXXX";
    path_ = ::mkdtemp(name);
  }
  ~TempDir() { fs::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteBytes(const std::string& path, size_t n) {
  std::ofstream(path) << std::string(n, 'x');
}

std::vector<std::string> Files(const CapturePlan& p) {
  std::vector<std::string> v;
  for (const Fetch& f : p.fetches) v.push_back(f.file + " " + f.path);
  return v;
}

TEST(CapturePlan, WhatExplainsEachMetric) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Files(PlanFor(Metric::kGoroutines, true, false, 10)),
            (V{"goroutine.debug2.txt /debug/pprof/goroutine?debug=2",
               "goroutine.debug1.txt /debug/pprof/goroutine?debug=1"}));
  EXPECT_EQ(Files(PlanFor(Metric::kThreads, true, false, 10)),
            (V{"threadcreate.pb.gz /debug/pprof/threadcreate",
               "goroutine.debug2.txt /debug/pprof/goroutine?debug=2"}));
  EXPECT_EQ(Files(PlanFor(Metric::kRss, true, true, 10)),
            (V{"heap.pb.gz /debug/pprof/heap"}));
  const CapturePlan cpu = PlanFor(Metric::kCpu, true, true, 7);
  EXPECT_EQ(Files(cpu), (V{"cpu.pb.gz /debug/pprof/profile?seconds=7"}));
  EXPECT_TRUE(cpu.fetches[0].cpu_profile);
  EXPECT_FALSE(cpu.perf);
  ASSERT_EQ(cpu.proc_files.size(), 1u);
  EXPECT_EQ(cpu.proc_files[0].file, "proc-status.txt");
  // rss of any process: where the resident memory is, too.
  const CapturePlan rss = PlanFor(Metric::kRss, false, true, 7);
  ASSERT_EQ(rss.proc_files.size(), 2u);
  EXPECT_EQ(rss.proc_files[1].source, "smaps_rollup");
  EXPECT_TRUE(PlanFor(Metric::kRss, true, false, 7).proc_files.empty());
  // A process without a Go profiler: perf.
  const CapturePlan perf = PlanFor(Metric::kCpu, false, true, 7);
  EXPECT_TRUE(perf.fetches.empty());
  EXPECT_TRUE(perf.perf);
  // SIGUSR1: everything, each file once.
  EXPECT_EQ(PlanFor(std::nullopt, true, false, 10).fetches.size(), 5u);
}

TEST(DiskBudget, RemovesOldestCapturesOnly) {
  TempDir t;
  const std::string d = t.path();
  for (const char* name :
       {"20261201T010000Z-goroutines", "20261201T020000Z-rss",
        "20261201T030000Z-cpu", "baseline-20261201T000000Z", "mine"}) {
    fs::create_directory(d + "/" + name);
    WriteBytes(d + "/" + name + "/data", 1000);
  }
  EXPECT_EQ(EnforceDiskBudget(d, 5000), std::vector<std::string>{});
  EXPECT_EQ(EnforceDiskBudget(d, 2500),
            std::vector<std::string>{"20261201T010000Z-goroutines"});
  // The newest is kept even when it alone is over the budget.
  EXPECT_EQ(EnforceDiskBudget(d, 10),
            std::vector<std::string>{"20261201T020000Z-rss"});
  EXPECT_TRUE(fs::exists(d + "/20261201T030000Z-cpu"));
  EXPECT_TRUE(fs::exists(d + "/baseline-20261201T000000Z"));
  EXPECT_TRUE(fs::exists(d + "/mine"));
  EXPECT_TRUE(IsCaptureFolderName("20261201T030000Z-cpu-2"));
  EXPECT_FALSE(IsCaptureFolderName("20261201T030000Z"));
  EXPECT_FALSE(IsCaptureFolderName("2026120xT030000Z-cpu"));
}

TEST(EvidenceReport, GoroutinesAgainstTheBaseline) {
  TempDir t;
  const std::string cap = t.path() + "/cap", base = t.path() + "/base";
  fs::create_directory(cap);
  fs::create_directory(base);
  fs::copy_file(TESTDATA_DIR "/goleak-cluster/nil-chan-select.debug2.txt",
                cap + "/goroutine.debug2.txt");
  fs::copy_file(TESTDATA_DIR "/scripts/nil-chan-select.before.debug2.txt",
                base + "/goroutine.debug2.txt");
  ReportInputs in{cap, base, Metric::kGoroutines, "fired: test\n", {"x: y"}};
  const std::string finding = WriteEvidenceReport(in);
  EXPECT_EQ(finding,
            "leak suspect: [grew +2 from 1] 3 goroutines blocked in chan send "
            "(nil chan) at main.(*Stats).reporter (nilchan.go:30), created by "
            "main.main (nilchan.go:50)");
  const std::string report = Slurp(cap + "/report.txt");
  EXPECT_EQ(report.rfind("fired: test\nnot captured: x: y\n\n== goroutines: "
                         "goleak-cluster " +
                             cap + "/goroutine.debug2.txt --base " + base +
                             "/goroutine.debug2.txt\n",
                         0),
            0u)
      << report;
  EXPECT_NE(report.find("LEAK SUSPECTS: 10 goroutines in 4 clusters"),
            std::string::npos);
}

TEST(EvidenceReport, HeapAgainstTheBaselineAndCpuTop) {
  TempDir t;
  const std::string cap = t.path() + "/cap", base = t.path() + "/base";
  fs::create_directory(cap);
  fs::create_directory(base);
  fs::copy_file(TESTDATA_DIR "/heapdiff/1.heap", base + "/heap.pb.gz");
  fs::copy_file(TESTDATA_DIR "/heapdiff/2.heap", cap + "/heap.pb.gz");
  fs::copy_file(TESTDATA_DIR "/scripts/cpu.pb.gz", cap + "/cpu.pb.gz");
  ReportInputs in{cap, base, Metric::kHeap, "", {}};
  // heapdiff 1.heap 2.heap's first row (testdata/heapdiff's expected top).
  EXPECT_EQ(WriteEvidenceReport(in),
            "heap: main.newSession +851.25kB (45.4%) since the baseline");
  const std::string report = Slurp(cap + "/report.txt");
  EXPECT_NE(report.find("  851.25kB 45.43% 45.43%   851.25kB 45.43%  "
                        "main.newSession\n"),
            std::string::npos)
      << report;
  // The heap section comes first, then the CPU top and its flame graph.
  EXPECT_LT(report.find("== heap: "), report.find("== cpu: "));
  EXPECT_NE(report.find("flame graph: " + cap + "/cpu.svg"), std::string::npos);
  EXPECT_NE(Slurp(cap + "/cpu.svg").find("crypto/sha256.block"),
            std::string::npos);
  in.metric = Metric::kCpu;
  EXPECT_EQ(WriteEvidenceReport(in),
            "cpu: crypto/sha256.block 4.03s (84.7%) flat");
}

TEST(EvidenceReport, NamesFromTheDumpReachNoTerminalAsControlBytes) {
  TempDir t;
  const std::string cap = t.path() + "/cap";
  fs::create_directory(cap);
  // A send on a nil channel: a proven leak, so the finding names it.
  std::ofstream(cap + "/goroutine.debug2.txt")
      << "goroutine 7 [chan send (nil chan)]:\n"
         "main.evil\x1b]0;pwned\x07()\n\t/src/x.go:10 +0x1\n"
         "created by main.main in goroutine 1\n\t/src/x.go:5 +0x2\n";
  ReportInputs in{cap, "", Metric::kGoroutines, "", {}};
  const std::string finding = WriteEvidenceReport(in);
  EXPECT_NE(finding.find("main.evil"), std::string::npos) << finding;
  EXPECT_EQ(finding.find('\x1b'), std::string::npos) << finding;
  EXPECT_EQ(finding.find('\x07'), std::string::npos) << finding;
  const std::string report = Slurp(cap + "/report.txt");
  EXPECT_EQ(report.find('\x1b'), std::string::npos);
}

}  // namespace
}  // namespace watch
