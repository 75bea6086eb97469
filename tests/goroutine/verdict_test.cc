// The verdict kinds on real Go 1.19 dumps made for them
// (testdata/goleak-cluster/README.md): a healthy busy service is never a
// suspect (one dump, two dumps, debug=1, during a CPU profile); the
// incidents are named with their evidence; Go 1.21-1.26 forms; crash text.
#include <gtest/gtest.h>

#include "common/goroutine/format_probe.h"
#include "common/goroutine/json_report.h"
#include "common/goroutine/lock_holder.h"
#include "common/goroutine/text_report.h"
#include "common/goroutine/thread_count.h"
#include "tests/goroutine/fixture_util.h"
#include "tests/testing/temp_path.h"

namespace goroutine {
namespace {

using goroutine_test::Find;
using goroutine_test::Load;

std::string Data(const std::string& name) {
  return std::string(TESTDATA_DIR) + "/goleak-cluster/" + name;
}

TEST(HealthyServiceTest, NothingFlaggedFromOneDump) {
  for (const char* name :
       {"healthy.debug2.txt.gz", "healthy.later.debug2.txt.gz",
        "healthy.cpuprofile.debug2.txt.gz", "healthy.debug1.txt"}) {
    auto l = Load({Data(name)});
    const Analysis& a = l->a;
    EXPECT_EQ(l->bad_lines, 0u) << name;
    EXPECT_GE(a.now.info.goroutines, 2071u) << name;
    EXPECT_EQ(a.suspect_clusters, 0u) << name;
    EXPECT_EQ(FailingClusters(a), 0u) << name;
  }
  auto l = Load({Data("healthy.debug2.txt.gz")});
  const ClusterEntry* pool =
      Find(l->a, "chan receive", "main.(*pool).worker", 33);
  ASSERT_NE(pool, nullptr);
  EXPECT_EQ(pool->cluster().count, 64u);
  EXPECT_EQ(pool->kind, VerdictKind::kHealthy);
  EXPECT_EQ(pool->reason, "bounded worker pool (started by a start method)");
  const ClusterEntry* closer =
      Find(l->a, "semacquire", "main.(*pool).start.func1", 46);
  ASSERT_NE(closer, nullptr);
  EXPECT_EQ(closer->kind, VerdictKind::kHealthy);
  EXPECT_EQ(l->a.unsure_clusters, 0u);
  const ClusterEntry* idle =
      Find(l->a, "IO wait", "net/http.(*connReader).Read", 786);
  ASSERT_NE(idle, nullptr);
  EXPECT_EQ(idle->cluster().count, 2000u);
}

TEST(HealthyServiceTest, TwoDumpsAndTheProfilersOwnGoroutine) {
  auto l = Load({Data("healthy.later.debug2.txt.gz")},
                Data("healthy.debug2.txt.gz"));
  EXPECT_EQ(l->a.suspect_clusters, 0u);
  EXPECT_EQ(FailingClusters(l->a), 0u);
  for (const ClusterEntry& e : l->a.entries) {
    EXPECT_EQ(e.change, Change::kSame);
  }
  // During a CPU profile: net/http/pprof.sleep (a timed select), named by
  // the frame that blocks, not net/http.(*conn).serve.
  auto p = Load({Data("healthy.cpuprofile.debug2.txt.gz")});
  const ClusterEntry* s = Find(p->a, "select", "net/http/pprof.sleep", 98);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->kind, VerdictKind::kHealthy);
  EXPECT_EQ(s->reason,
            "the profiler's own goroutine (net/http/pprof, runtime/pprof)");
}

TEST(IncidentsTest, OneDumpNamesEachPileUpWithEvidence) {
  AnalysisOptions o;
  o.threads = 1006;
  auto l = Load({Data("incidents.1.debug2.txt.gz")}, "", o);
  const Analysis& a = l->a;
  const ClusterEntry* cgo = Find(a, "syscall", "main._Cfunc_cgo_block", 41);
  ASSERT_NE(cgo, nullptr);
  EXPECT_EQ(cgo->cluster().count, 1000u);
  EXPECT_EQ(cgo->kind, VerdictKind::kPileUp);
  EXPECT_EQ(cgo->reason, "pile-up in a cgo call: one OS thread each");
  EXPECT_NE(cgo->evidence.find("the process has 1006 OS threads"),
            std::string::npos);
  const ClusterEntry* sleep = Find(a, "sleep", "main.pollLoop", 100);
  ASSERT_NE(sleep, nullptr);
  EXPECT_EQ(sleep->kind, VerdictKind::kPileUp);
  EXPECT_EQ(sleep->evidence,
            "200 goroutines here, created by main.handlePoll (request-scoped "
            "code)");
  const ClusterEntry* convoy =
      Find(a, "semacquire", "main.(*store).update", 90);
  ASSERT_NE(convoy, nullptr);
  EXPECT_EQ(convoy->cluster().count, 300u);
  EXPECT_EQ(convoy->kind, VerdictKind::kPileUp);
  EXPECT_EQ(convoy->reason,
            "convoy: 300 goroutines queued on sync.Mutex 0x8c2750");
  // The holder sleeps inside the critical section, past the Lock line.
  ASSERT_EQ(a.locks.groups.size(), 1u);
  const LockHolder& h = a.locks.groups[0].holder;
  ASSERT_TRUE(h.found);
  const Cluster& holder = a.now.clusters->clusters()[h.cluster];
  EXPECT_EQ(holder.ids[0], 2684u);
  EXPECT_EQ(a.now.clusters->Name(holder.state), "sleep");
  EXPECT_EQ(holder.frames[h.frame].line, 93u);
  EXPECT_EQ(h.lock_line, 90u);
  EXPECT_EQ(h.candidates, 1u);
  const ClusterEntry* held = Find(a, "sleep", "main.(*store).update", 93);
  ASSERT_NE(held, nullptr);
  EXPECT_EQ(held->kind, VerdictKind::kPileUp);
  // Listed right after the queue behind it.
  EXPECT_EQ(held, convoy + 1);
  // 50 goroutines in a select with a time.After case: one dump cannot
  // tell, and nothing claims "no case will become ready".
  const ClusterEntry* wait = Find(a, "select", "main.waitResult", 105);
  ASSERT_NE(wait, nullptr);
  EXPECT_EQ(wait->kind, VerdictKind::kUnsure);
  EXPECT_EQ(wait->reason, "blocked in select");
  EXPECT_NE(wait->evidence.find("take a second dump to tell"),
            std::string::npos);
  // The healthy pool of the same service stays healthy.
  const ClusterEntry* pool = Find(a, "chan receive", "main.(*pool).worker", 33);
  ASSERT_NE(pool, nullptr);
  EXPECT_EQ(pool->kind, VerdictKind::kHealthy);
  EXPECT_EQ(a.suspect_clusters, 4u);
}

TEST(IncidentsTest, SecondDumpTurnsTheGrowingSelectIntoGrowing) {
  auto l = Load({Data("incidents.2.debug2.txt.gz")},
                Data("incidents.1.debug2.txt.gz"));
  const Analysis& a = l->a;
  ASSERT_FALSE(a.entries.empty());
  const ClusterEntry& first = a.entries[0];
  EXPECT_EQ(first.set->Name(first.cluster().frames[0].func), "main.waitResult");
  EXPECT_EQ(first.kind, VerdictKind::kGrowing);
  EXPECT_EQ(first.change, Change::kGrew);
  EXPECT_EQ(first.evidence.rfind("grew since the base dump (50 -> 200)", 0),
            0u);
  EXPECT_EQ(a.growing_suspect_clusters, 1u);
  EXPECT_EQ(FailingClusters(a), 1u);
  std::string text = WriteTextReport(a, TextOptions{false, false});
  EXPECT_EQ(text.find("no case will become ready"), std::string::npos);
}

TEST(IncidentsTest, JsonCarriesVerdictEvidenceAndHolder) {
  auto l = Load({Data("incidents.1.debug2.txt.gz")});
  std::string json = WriteJsonReport(l->a);
  EXPECT_NE(json.find("\"suspect\":true,\"verdict\":\"pile-up\",\"reason\":"
                      "\"convoy: 300 goroutines queued on sync.Mutex "
                      "0x8c2750\""),
            std::string::npos);
  EXPECT_NE(json.find("\"holder\":{\"goroutine\":2684,\"state\":\"sleep\","
                      "\"func\":\"main.(*store).update\",\"file\":\"/tmp/"
                      "i13go/incidents.go\",\"line\":93,\"lock_line\":90,"
                      "\"candidates\":1,"),
            std::string::npos);
  EXPECT_NE(json.find("\"verdict\":\"unsure\""), std::string::npos);
  EXPECT_NE(json.find("\"unsure\":{\"clusters\":1,\"goroutines\":50}"),
            std::string::npos);
}

TEST(GoFormsTest, LeakedStateAndGoroutineLeakProfileAreProven) {
  auto l = Load({Data("go126-leaked.debug2.txt")});
  const Analysis& a = l->a;
  EXPECT_EQ(l->bad_lines, 0u);
  ASSERT_GE(a.entries.size(), 1u);
  const ClusterEntry& e = a.entries[0];
  EXPECT_EQ(e.kind, VerdictKind::kProven);
  EXPECT_EQ(e.cluster().count, 4u);
  EXPECT_EQ(e.cluster().leaked, 4u);
  EXPECT_EQ(e.set->Name(e.cluster().state), "chan receive");
  EXPECT_EQ(e.cluster().wait_max, 3);
  EXPECT_EQ(e.evidence,
            "the runtime marked 4 goroutines [chan receive (leaked)]");
  EXPECT_EQ(a.suspect_goroutines, 4u);
  // The fifth consumer is not marked: unsure, its parent gone.
  const ClusterEntry* u = &a.entries[1];
  EXPECT_EQ(u->kind, VerdictKind::kUnsure);
  EXPECT_NE(u->evidence.find("parent goroutine gone"), std::string::npos);

  auto p = Load({Data("go126-goroutineleak.debug1.txt")});
  EXPECT_EQ(p->bad_lines, 0u);
  EXPECT_TRUE(p->a.now.info.leak_profile);
  EXPECT_EQ(p->a.now.info.declared_total, 4);
  ASSERT_EQ(p->a.entries.size(), 1u);
  EXPECT_EQ(p->a.entries[0].kind, VerdictKind::kProven);
  EXPECT_EQ(p->a.entries[0].evidence,
            "listed in the runtime's goroutineleak profile");
}

TEST(GoFormsTest, RenamedWaitReasonsCompareEqualAcrossVersions) {
  // The same Go 1.19 dump with [semacquire] printed as newer Go versions
  // do ([sync.Mutex.Lock], [sync.WaitGroup.Wait]): nothing new or gone.
  auto l = Load({Data("go124-renamed.debug2.txt.gz")},
                Data("incidents.2.debug2.txt.gz"));
  for (const ClusterEntry& e : l->a.entries) {
    EXPECT_EQ(e.change, Change::kSame) << e.set->Name(e.cluster().state);
  }
  const ClusterEntry* m =
      Find(l->a, "sync.Mutex.Lock", "main.(*store).update", 90);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->cluster().count, 300u);
}

TEST(GoFormsTest, ParentsBeyondTheSampleAreCounted) {
  std::string path = testing_util::UniqueTempPath("parents.txt");
  FILE* f = fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  for (int i = 0; i < 8; ++i) {
    fprintf(f,
            "goroutine %d [chan receive]:\nmain.child()\n\t/a/c.go:5 +0x1\n"
            "created by main.parent in goroutine %d\n\t/a/c.go:9 +0x2\n\n",
            100 + i, 10 + i);
  }
  fclose(f);
  auto l = Load({path});
  ASSERT_EQ(l->a.entries.size(), 1u);
  const Cluster& c = l->a.entries[0].cluster();
  EXPECT_EQ(c.parent_ids.size(), 5u);
  EXPECT_EQ(c.more_parents, 3u);
  EXPECT_NE(DescribeCluster(c, *l->a.now.clusters)
                .find("in goroutine 10,11,12,13,14 (and 3 more goroutines "
                      "with other parents)"),
            std::string::npos);
}

TEST(CrashTextTest, NestedPanicsAndMultiLineMessage) {
  auto l = Load({Data("nested-panic.stderr.txt")});
  const Analysis& a = l->a;
  EXPECT_EQ(l->bad_lines, 0u);
  EXPECT_EQ(a.now.info.panic_message,
            "panic: first: bad order 17\n"
            "line two of the message [recovered]\n"
            "\tpanic: second: retry failed\n"
            "\tpanic: fatal: cleanup failed");
  ASSERT_GE(a.crashed, 0);
  EXPECT_EQ(a.entries[a.crashed].cluster().crashed_id, 1u);
}

TEST(CrashTextTest, SignalInCgoNamesTheCrashedGoroutine) {
  auto l = Load({Data("cgo-sigsegv.stderr.txt")});
  const Analysis& a = l->a;
  EXPECT_EQ(l->bad_lines, 0u);
  EXPECT_EQ(a.now.info.panic_message,
            "fatal error: unexpected signal during runtime execution");
  EXPECT_EQ(
      a.now.info.signal.rfind("[signal SIGSEGV: segmentation violation", 0),
      0u);
  ASSERT_GE(a.crashed, 0);
  const Cluster& c = a.entries[a.crashed].cluster();
  EXPECT_EQ(c.crashed_id, 20u);
  EXPECT_EQ(a.now.clusters->Name(c.state), "syscall");
  std::string text = WriteTextReport(a, TextOptions{false, false});
  EXPECT_NE(text.find("[signal SIGSEGV"), std::string::npos);
  EXPECT_NE(text.find("  in goroutine 20 [syscall] at main._Cfunc_cgo_crash "
                      "(_cgo_gotypes.go:53)"),
            std::string::npos)
      << text;
}

TEST(ThreadCountTest, NumberThreadcreateProfileAndProcStatus) {
  int64_t n = 0;
  EXPECT_TRUE(ParseThreadCountLine("threadcreate profile: total 1007", &n));
  EXPECT_EQ(n, 1007);
  EXPECT_TRUE(ParseThreadCountLine("Threads:\t1006", &n));
  EXPECT_EQ(n, 1006);
  EXPECT_FALSE(ParseThreadCountLine("goroutine profile: total 3", &n));
  EXPECT_FALSE(ParseThreadCountLine("Threads: many", &n));
  std::string error;
  EXPECT_TRUE(ReadThreadCount("42", &n, &error));
  EXPECT_EQ(n, 42);
  EXPECT_TRUE(ReadThreadCount(Data("incidents.threadcreate.txt"), &n, &error));
  EXPECT_EQ(n, 1007);
  EXPECT_TRUE(ReadThreadCount(Data("incidents.status.txt"), &n, &error));
  EXPECT_EQ(n, 1006);
  EXPECT_FALSE(ReadThreadCount(Data("go123-forms.txt"), &n, &error));
  EXPECT_NE(error.find("no thread count"), std::string::npos);
}

// Writes `text` to a temporary dump file and returns its path.
std::string Dump(const char* name, const std::string& text) {
  std::string path = testing_util::UniqueTempPath(name);
  FILE* f = fopen(path.c_str(), "w");
  fputs(text.c_str(), f);
  fclose(f);
  return path;
}

// `n` goroutines in `state` at main.f, created by `creator` in goroutines
// parent, parent + parent_step, ...
std::string Goroutines(int n, const char* state, const char* creator,
                       int parent, int parent_step, int first_id = 100) {
  std::string t;
  for (int i = 0; i < n; ++i) {
    t += "goroutine " + std::to_string(first_id + i) + " [" + state +
         "]:\nmain.f()\n\t/a/f.go:5 +0x1\ncreated by " + creator +
         " in goroutine " + std::to_string(parent + i * parent_step) +
         "\n\t/a/f.go:9 +0x2\n\n";
  }
  return t;
}

TEST(LeakRulesTest, CreatorKindDecidesOneDumpVerdicts) {
  struct Case {
    const char* state;
    const char* creator;
    int parent_step;
    VerdictKind want;
  };
  const Case cases[] = {
      // A pool started once by a start method: idle workers are healthy.
      {"chan receive", "main.(*pool).start", 0, VerdictKind::kHealthy},
      {"select", "main.main", 0, VerdictKind::kHealthy},
      // Started many times (one parent each): not a bounded pool.
      {"chan receive", "main.(*pool).start", 1, VerdictKind::kUnsure},
      // A lifetime sender may be backpressure: one dump cannot tell.
      {"chan send", "main.main", 0, VerdictKind::kUnsure},
      {"chan receive", "main.handle", 0, VerdictKind::kUnsure},
      {"sleep", "main.handle", 0, VerdictKind::kUnsure},
      {"sleep", "main.main", 0, VerdictKind::kHealthy},
      {"syscall", "main.handle", 0, VerdictKind::kHealthy},
  };
  for (const Case& c : cases) {
    auto l = Load({Dump("rules.txt",
                        Goroutines(3, c.state, c.creator, 1, c.parent_step))});
    ASSERT_EQ(l->a.entries.size(), 1u) << c.state << " " << c.creator;
    EXPECT_EQ(l->a.entries[0].kind, c.want)
        << c.state << " " << c.creator << ": " << l->a.entries[0].reason;
  }
  // Many of them at one line: a pile-up, whatever the wait.
  auto many = Load(
      {Dump("many.txt", Goroutines(100, "chan receive", "main.handle", 1, 1))});
  EXPECT_EQ(many->a.entries[0].kind, VerdictKind::kPileUp);
  auto threads =
      Load({Dump("sys.txt", Goroutines(100, "syscall", "main.handle", 1, 0))});
  EXPECT_EQ(threads->a.entries[0].reason,
            "pile-up in a system call: one OS thread each");
}

// A busy server has many requests in flight waiting at one line for
// seconds: a pile-up only once they have waited minutes.
TEST(LeakRulesTest, RequestsInFlightNeedMinutesToPileUp) {
  auto busy =
      Load({Dump("busy.txt",
                 Goroutines(150, "select", "net/http.(*Server).Serve", 1, 0))});
  ASSERT_EQ(busy->a.entries.size(), 1u);
  EXPECT_EQ(busy->a.entries[0].kind, VerdictKind::kUnsure);
  EXPECT_NE(busy->a.entries[0].evidence.find("a server: requests in flight"),
            std::string::npos);
  auto stuck =
      Load({Dump("stuck.txt", Goroutines(150, "select, 3 minutes",
                                         "net/http.(*Server).Serve", 1, 0))});
  EXPECT_EQ(stuck->a.entries[0].kind, VerdictKind::kPileUp);
  EXPECT_EQ(stuck->a.entries[0].reason,
            "blocked in select: many requests stuck at one line for minutes");
}

TEST(LeakRulesTest, SecondDumpDecidesTheUnsure) {
  std::string base =
      Dump("base.txt", Goroutines(3, "sleep", "main.handle", 1, 1));
  std::string grew =
      Dump("grew.txt", Goroutines(3, "sleep", "main.handle", 1, 1) +
                           Goroutines(2, "sleep", "main.handle", 9, 1, 200));
  auto g = Load({grew}, base);
  ASSERT_EQ(g->a.entries.size(), 1u);
  EXPECT_EQ(g->a.entries[0].kind, VerdictKind::kGrowing);
  EXPECT_EQ(g->a.entries[0].evidence.rfind(
                "grew since the base dump (3 -> 5); 5 goroutines here", 0),
            0u);
  auto same = Load({base}, base);
  EXPECT_EQ(same->a.entries[0].kind, VerdictKind::kHealthy);
  EXPECT_EQ(same->a.entries[0].reason, "sleeping (time.Sleep) (not growing)");
  EXPECT_EQ(same->a.entries[0].evidence.find("take a second dump"),
            std::string::npos);
}

TEST(LeakRulesTest, GoroutineLeakHeaderIsACountProfile) {
  uint64_t total = 0;
  CountProfileKind kind = CountProfileKind::kGoroutine;
  EXPECT_TRUE(LooksLikeCountProfile("goroutineleak profile: total 4\n"));
  EXPECT_TRUE(
      ParseCountProfileHeader("goroutineleak profile: total 4", &total, &kind));
  EXPECT_EQ(total, 4u);
  EXPECT_EQ(kind, CountProfileKind::kGoroutineLeak);
  EXPECT_FALSE(
      ParseCountProfileHeader("goroutineleak profile: total x", &total, &kind));
}

// Issue 13, growth across N dumps (testdata tickers.*: one process, three
// dumps): the request leak grows at every dump; the pool that its first
// requests start fills up (20 -> 64) and stays flat, which two dumps alone
// would call growing.
TEST(SeriesTest, GrowingAtEveryDumpAndAPoolThatFilledUp) {
  auto two =
      Load({Data("tickers.3.debug2.txt.gz")}, Data("tickers.1.debug2.txt.gz"));
  const ClusterEntry* pool2 =
      Find(two->a, "chan receive", "main.poolWorker", 49);
  ASSERT_NE(pool2, nullptr);
  EXPECT_EQ(pool2->kind, VerdictKind::kGrowing);  // 20 -> 64, two dumps

  auto l =
      Load({Data("tickers.3.debug2.txt.gz")}, Data("tickers.2.debug2.txt.gz"),
           {}, {Data("tickers.1.debug2.txt.gz")});
  const Analysis& a = l->a;
  EXPECT_EQ(l->bad_lines, 0u);
  const ClusterEntry* wait = Find(a, "select", "main.waitResult", 38);
  ASSERT_NE(wait, nullptr);
  EXPECT_EQ(wait->kind, VerdictKind::kGrowing);
  EXPECT_EQ(wait->series, (std::vector<uint64_t>{50, 200, 350}));
  EXPECT_EQ(wait->evidence.substr(0, 47),
            "grew at every one of 3 dumps (50 -> 200 -> 350)");
  const ClusterEntry* pool = Find(a, "chan receive", "main.poolWorker", 49);
  ASSERT_NE(pool, nullptr);
  EXPECT_EQ(pool->kind, VerdictKind::kHealthy);
  EXPECT_EQ(pool->series, (std::vector<uint64_t>{20, 64, 64}));
  EXPECT_EQ(pool->evidence.substr(0, 77),
            "stopped growing at the last of 3 dumps (20 -> 64 -> 64): filled "
            "up, then flat");
  // The service's own ticker is never a suspect.
  const ClusterEntry* ticker =
      Find(a, "chan receive", "main.serviceTicker", 57);
  ASSERT_NE(ticker, nullptr);
  EXPECT_EQ(ticker->kind, VerdictKind::kHealthy);
  EXPECT_EQ(FailingClusters(a), 2u);  // waitResult, and tickLoop (pile-up)
}

TEST(SeriesTest, UpAndDownStaysUnsure) {
  LeakVerdict v{VerdictKind::kUnsure, "blocked in select",
                "50 goroutines here; one dump cannot tell stuck from idle: "
                "take a second dump to tell"};
  const uint64_t counts[] = {50, 30, 60};
  ApplyBaseRule(Change::kGrew, 30, 60, counts, &v);
  EXPECT_EQ(v.kind, VerdictKind::kUnsure);
  EXPECT_EQ(v.evidence,
            "grew at the last dump but not at every one of 3 (50 -> 30 -> 60); "
            "50 goroutines here; take more dumps to tell");
  LeakVerdict p{VerdictKind::kPileUp, "r", "e"};
  const uint64_t flat[] = {300, 300, 300};
  ApplyBaseRule(Change::kSame, 300, 300, flat, &p);
  EXPECT_EQ(p.kind, VerdictKind::kPileUp);
  EXPECT_EQ(p.evidence, "unchanged across 3 dumps (300 -> 300 -> 300); e");
}

// Issue 13, ticker pile-ups: per-request ticker loops caught awake
// (runnable) beside their blocked twins are one pile-up with that
// evidence; the one service ticker stays healthy.
TEST(TickerTest, PerRequestTickerLoopsCaughtAwake) {
  auto l = Load({Data("tickers.awake.debug2.txt.gz")});
  const Analysis& a = l->a;
  const ClusterEntry* blocked = Find(a, "select", "main.tickLoop", 27);
  const ClusterEntry* awake = Find(a, "runnable", "main.tickLoop", 27);
  ASSERT_NE(blocked, nullptr);
  ASSERT_NE(awake, nullptr);
  EXPECT_EQ(blocked->cluster().count + awake->cluster().count, 300u);
  for (const ClusterEntry* e : {blocked, awake}) {
    EXPECT_EQ(e->kind, VerdictKind::kPileUp);
    EXPECT_EQ(e->reason,
              "per-request ticker or timer loop: woken again and again, every "
              "wake-up a runtime timer (CPU in the scheduler's timer checks)");
    EXPECT_EQ(e->evidence,
              "300 goroutines created by main.handleTick (request-scoped "
              "code) at one line: " +
                  std::to_string(blocked->cluster().count) + " [select] and " +
                  std::to_string(awake->cluster().count) +
                  " caught awake (runnable or running) at the dump");
  }
  const ClusterEntry* ticker =
      Find(a, "chan receive", "main.serviceTicker", 57);
  ASSERT_NE(ticker, nullptr);
  EXPECT_EQ(ticker->kind, VerdictKind::kHealthy);
}

TEST(TickerTest, ALifetimeLoopCaughtAwakeStaysHealthy) {
  std::string dump;
  for (int i = 0; i < 150; ++i) {
    dump += "goroutine " + std::to_string(10 + i) +
            (i < 50 ? " [runnable]" : " [select]") +
            ":\nmain.tick()\n\t/x/t.go:5 +0x1\ncreated by main.main\n"
            "\t/x/m.go:9 +0x1\n\n";
  }
  std::string path = testing_util::UniqueTempPath("lifetime-ticker.txt");
  FILE* f = fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  fputs(dump.c_str(), f);
  fclose(f);
  auto l = Load({path});
  unlink(path.c_str());
  EXPECT_EQ(l->a.suspect_clusters, 0u);
}

// Issue 17, no silent caps: lock waiters past kMaxLockWaits lock/cluster
// pairs are counted and said, in text and JSON.
TEST(LockCapTest, WaitersPastTheCapAreCountedAndSaid) {
  stack::SymbolTable symbols;
  ClusterSet set(&symbols, Similarity::kLines);
  const size_t n = ClusterSet::kMaxLockWaits + 10;
  std::vector<std::string> addresses(n);
  for (size_t i = 0; i < n; ++i) {
    addresses[i] = "0x" + std::to_string(100000 + i);
    RawFrame frames[2];
    frames[0].func = "sync.(*Mutex).lockSlow";
    frames[0].args = addresses[i];
    frames[0].file = "/go/src/sync/mutex.go";
    frames[0].line = 138;
    frames[1].func = "main.update";
    frames[1].args = "";
    frames[1].file = "/x/main.go";
    frames[1].line = 20;
    Goroutine g;
    g.id = i + 1;
    g.state = "semacquire";
    g.frames = frames;
    set.OnGoroutine(g);
  }
  EXPECT_EQ(set.lock_waits().size(), ClusterSet::kMaxLockWaits);
  EXPECT_EQ(set.lock_waits_not_grouped(), 10u);
  LockView view = BuildLockView(set);
  EXPECT_EQ(view.not_grouped, 10u);
}

// Issue 13, lock holder by address. Written by hand in the form of the
// incidents convoy (incidents.1: sync.(*Mutex).lockSlow(ADDR) under
// main.(*store).update(RECEIVER, ...)) with receivers a dump prints exactly
// when they are live.
std::string ConvoyDump(bool with_address_holder) {
  auto waiter = [](int id) {
    return "goroutine " + std::to_string(id) +
           " [semacquire]:\nsync.runtime_SemacquireMutex(0xc000012004?, "
           "0x0?, 0x0?)\n\t/go/src/runtime/sema.go:77 +0x25\n"
           "sync.(*Mutex).lockSlow(0xc000012008)\n"
           "\t/go/src/sync/mutex.go:171 +0x165\nsync.(*Mutex).Lock(...)\n"
           "\t/go/src/sync/mutex.go:90\n"
           "main.(*store).update(0xc000012000, 0x1)\n"
           "\t/x/store.go:90 +0x58\ncreated by main.serve\n"
           "\t/x/main.go:20 +0x1\n\n";
  };
  std::string d = waiter(10) + waiter(11);
  // Another store's goroutine inside its own critical section: not the
  // holder of this lock (different receiver).
  d += "goroutine 20 [sleep]:\ntime.Sleep(0x3b9aca00)\n"
       "\t/go/src/runtime/time.go:195 +0x135\n"
       "main.(*store).update(0xc000099000, 0x2)\n\t/x/store.go:93 +0x99\n"
       "created by main.serve\n\t/x/main.go:20 +0x1\n\n";
  d += "goroutine 21 [sleep]:\ntime.Sleep(0x3b9aca00)\n"
       "\t/go/src/runtime/time.go:195 +0x135\n"
       "main.(*store).update(0xc000012000, 0x3)\n\t/x/store.go:93 +0x99\n"
       "created by main.serve\n\t/x/main.go:20 +0x1\n\n";
  if (with_address_holder) {
    d += "goroutine 22 [chan send]:\nmain.flushLocked(0xc000012008, 0x4)\n"
         "\t/x/store.go:120 +0x20\ncreated by main.serve\n"
         "\t/x/main.go:20 +0x1\n\n";
  }
  return d;
}

std::unique_ptr<goroutine_test::Loaded> LoadText(const std::string& text,
                                                 const char* name) {
  std::string path = testing_util::UniqueTempPath(name);
  FILE* f = fopen(path.c_str(), "w");
  EXPECT_NE(f, nullptr);
  fputs(text.c_str(), f);
  fclose(f);
  auto l = Load({path});
  unlink(path.c_str());
  return l;
}

TEST(LockHolderTest, SameReceiverWinsOverAnotherObject) {
  auto l = LoadText(ConvoyDump(false), "convoy.txt");
  const Analysis& a = l->a;
  ASSERT_EQ(a.locks.groups.size(), 1u);
  const LockGroup& g = a.locks.groups[0];
  ASSERT_TRUE(g.holder.found);
  EXPECT_EQ(g.holder.evidence, HolderEvidence::kReceiver);
  EXPECT_EQ(g.holder.candidates, 1u);
  EXPECT_EQ(g.holder.goroutine, 21u);
  EXPECT_EQ(HolderText(g, *a.now.clusters),
            "holder: goroutine 21 [sleep] at main.(*store).update "
            "(store.go:93), past the waiters' Lock at line 90 on the same "
            "receiver 0xc000012000 and not waiting for this lock");
}

TEST(LockHolderTest, TheLockAddressInArgumentsNamesTheHolder) {
  auto l = LoadText(ConvoyDump(true), "convoy-address.txt");
  const LockGroup& g = l->a.locks.groups[0];
  ASSERT_TRUE(g.holder.found);
  EXPECT_EQ(g.holder.evidence, HolderEvidence::kLockAddress);
  EXPECT_EQ(HolderText(g, *l->a.now.clusters),
            "holder: goroutine 22 [chan send] at main.flushLocked "
            "(store.go:120), whose arguments hold the lock's address "
            "0xc000012008, not waiting for this lock");
  const std::string json = WriteJsonReport(l->a);
  EXPECT_NE(json.find("\"holder\":{\"goroutine\":22,\"state\":\"chan send\""),
            std::string::npos);
}

TEST(LockHolderTest, ExactAddressWords) {
  EXPECT_EQ(ExactAddress("0xc000012000, 0x1", 0), "0xc000012000");
  EXPECT_EQ(ExactAddress("0xc000012000, 0x1", 1), "");  // a number
  EXPECT_EQ(ExactAddress("0x0?, 0x234a40?", 0), "");
  EXPECT_EQ(ExactAddress("0xc00012?, 0x5", 0), "");
  EXPECT_EQ(ExactAddress("{0x7661f8?, 0xc002708460}, 0xc00270c000", 1),
            "0xc00270c000");
  EXPECT_EQ(ExactAddress("...", 0), "");
  EXPECT_EQ(ExactAddress("", 0), "");
}

}  // namespace
}  // namespace goroutine
