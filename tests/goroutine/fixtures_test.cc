// Every dump in ../shared/testdata/go: the facts its README says a correct
// analysis must find (counts, states, wait ranges, file:lines, creators,
// suspects), and nothing healthy flagged.
#include <gtest/gtest.h>

#include "tests/goroutine/fixture_util.h"

namespace goroutine {
namespace {

using goroutine_test::Base;
using goroutine_test::Exists;
using goroutine_test::Find;
using goroutine_test::GoData;
using goroutine_test::Load;

#define REQUIRE(path) \
  if (!Exists(path)) GTEST_SKIP() << path << " not found (SHARED_DIR)"

// Checks one README table row: count, state, user frame, creator, suspect.
void ExpectCluster(const Analysis& a, std::string_view state,
                   std::string_view func, uint32_t line, uint64_t count,
                   std::string_view creator, uint32_t creator_line,
                   bool suspect) {
  const ClusterEntry* e = Find(a, state, func, line);
  ASSERT_NE(e, nullptr) << state << " " << func << ":" << line;
  const Cluster& c = e->cluster();
  EXPECT_EQ(c.count, count) << func << ":" << line;
  EXPECT_EQ(e->suspect, suspect) << func << ":" << line << " " << e->reason;
  if (creator.empty()) {
    EXPECT_FALSE(c.has_creator) << func;
  } else {
    ASSERT_TRUE(c.has_creator) << func;
    EXPECT_EQ(e->set->Name(c.creator.func), creator);
    EXPECT_EQ(c.creator.line, creator_line);
  }
}

// Only the listed (func, line) user frames are suspects.
void ExpectOnlySuspects(
    const Analysis& a,
    std::vector<std::pair<std::string_view, uint32_t>> expected) {
  for (const ClusterEntry& e : a.entries) {
    if (!e.suspect) continue;
    const Cluster& c = e.cluster();
    int u = FirstUserFrame(c, *e.set);
    ASSERT_GE(u, 0);
    std::pair<std::string_view, uint32_t> key{e.set->Name(c.frames[u].func),
                                              c.frames[u].line};
    EXPECT_NE(std::find(expected.begin(), expected.end(), key), expected.end())
        << "unexpected suspect " << key.first << ":" << key.second << " ("
        << e.reason << ")";
  }
}

TEST(LeakedSendersTest, Debug2) {
  std::string path = GoData("leaked-senders/goroutine.debug2.txt");
  REQUIRE(path);
  auto l = Load({path});
  const Analysis& a = l->a;
  EXPECT_EQ(l->bad_lines, 0u);
  EXPECT_EQ(a.now.info.goroutines, 5019u);
  ExpectCluster(a, "chan send", "main.FilterService.func1", 66, 4000,
                "main.FilterService", 61, true);
  ExpectCluster(a, "chan send", "main.forward", 77, 1000,
                "main.(*server).handleSearch", 115, true);
  // Ranked first: 5000 of 5019.
  ASSERT_GE(a.entries.size(), 2u);
  EXPECT_EQ(a.entries[0].cluster().count, 4000u);
  EXPECT_EQ(a.entries[1].cluster().count, 1000u);
  EXPECT_EQ(a.suspect_goroutines, 5000u);
  EXPECT_EQ(a.suspect_clusters, 2u);
  ExpectOnlySuspects(a,
                     {{"main.FilterService.func1", 66}, {"main.forward", 77}});
  // The healthy ones the README lists.
  ExpectCluster(a, "select", "main.worker", 127, 8, "main.main", 197, false);
  ExpectCluster(a, "IO wait", "main.main", 209, 1, "", 0, false);
  ExpectCluster(a, "IO wait", "main.idleUpstream.func1", 147, 1,
                "main.idleUpstream", 144, false);
  ExpectCluster(a, "IO wait", "main.idleUpstream.func2", 161, 1,
                "main.idleUpstream", 158, false);
  ExpectCluster(a, "sleep", "main.healthCheck", 176, 1, "main.main", 207,
                false);
  ExpectCluster(a, "chan receive", "main.main.func2", 203, 1, "main.main", 202,
                false);
  const ClusterEntry* sig = Find(a, "syscall", "os/signal.loop", 23);
  ASSERT_NE(sig, nullptr);
  EXPECT_EQ(sig->set->Name(sig->cluster().creator.func),
            "os/signal.Notify.func1.1");
  uint64_t healthy = 0;
  for (const ClusterEntry& e : a.entries) {
    if (!e.suspect) healthy += e.cluster().count;
  }
  EXPECT_EQ(healthy, 19u);
}

TEST(LeakedSendersTest, Debug1) {
  std::string path = GoData("leaked-senders/goroutine.debug1.txt");
  REQUIRE(path);
  auto l = Load({path});
  const Analysis& a = l->a;
  EXPECT_EQ(l->bad_lines, 0u);
  EXPECT_EQ(a.now.info.declared_total, 5019);
  EXPECT_EQ(a.now.info.goroutines, 5019u);
  const ClusterEntry* f = Find(a, "*", "main.FilterService.func1", 66);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->cluster().count, 4000u);
  EXPECT_TRUE(f->suspect);
  EXPECT_EQ(f->cluster().state, kNoSymbol);  // debug=1 shows no state
  const ClusterEntry* fw = Find(a, "*", "main.forward", 77);
  ASSERT_NE(fw, nullptr);
  EXPECT_EQ(fw->cluster().count, 1000u);
  EXPECT_TRUE(fw->suspect);
  ExpectOnlySuspects(a,
                     {{"main.FilterService.func1", 66}, {"main.forward", 77}});
  const ClusterEntry* w = Find(a, "*", "main.worker", 127);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->cluster().count, 8u);
}

TEST(LeakedSendersTest, SigquitDump) {
  std::string path = GoData("leaked-senders/sigquit.stderr.txt.gz");
  REQUIRE(path);
  auto l = Load({path});
  const Analysis& a = l->a;
  EXPECT_EQ(l->bad_lines, 0u);
  EXPECT_TRUE(a.now.info.sigquit);
  ExpectCluster(a, "chan send", "main.FilterService.func1", 66, 4000,
                "main.FilterService", 61, true);
  ExpectCluster(a, "chan send", "main.forward", 77, 1000,
                "main.(*server).handleSearch", 115, true);
  ExpectOnlySuspects(a,
                     {{"main.FilterService.func1", 66}, {"main.forward", 77}});
  // Runtime goroutines are recognised, not flagged.
  int runtime_states = 0;
  for (const ClusterEntry& e : a.entries) {
    std::string_view s = e.set->Name(e.cluster().state);
    if (s == "GC worker (idle)" || s == "force gc (idle)" ||
        s == "finalizer wait" || s == "GC sweep wait" || s == "idle") {
      EXPECT_FALSE(e.suspect) << s;
      ++runtime_states;
    }
  }
  EXPECT_GE(runtime_states, 5);
  // The fp= sp= pc= decorations do not leak into file names.
  const ClusterEntry* f = Find(a, "chan send", "main.FilterService.func1", 66);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(Base(f->set->Name(f->cluster().frames[0].file)), "proc.go");
  EXPECT_EQ(f->set->Name(f->cluster().frames[0].func), "runtime.gopark");
}

TEST(ChanReceiveNoCloseTest, Debug2AndDebug1) {
  for (const char* name : {"goroutine.debug2.txt", "goroutine.debug1.txt"}) {
    std::string path = GoData(std::string("chan-receive-noclose/") + name);
    REQUIRE(path);
    auto l = Load({path});
    const Analysis& a = l->a;
    EXPECT_EQ(l->bad_lines, 0u);
    EXPECT_EQ(a.now.info.goroutines, 1003u) << name;
    // One cluster of 1000 although the argument words differ.
    const ClusterEntry* e = Find(
        a,
        std::string_view(name) == "goroutine.debug2.txt" ? "chan receive" : "*",
        "main.consume", 39);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->cluster().count, 1000u);
    EXPECT_TRUE(e->suspect);
    EXPECT_EQ(a.suspect_goroutines, 1000u) << name;
    ExpectOnlySuspects(a, {{"main.consume", 39}});
    if (e->cluster().has_creator) {
      EXPECT_EQ(e->set->Name(e->cluster().creator.func), "main.processBatch");
      EXPECT_EQ(e->cluster().creator.line, 50u);
    }
  }
}

TEST(ChanReceiveNoCloseTest, ExactSimilaritySplitsByArguments) {
  std::string path = GoData("chan-receive-noclose/goroutine.debug2.txt");
  REQUIRE(path);
  AnalysisOptions o;
  o.similarity = Similarity::kExact;
  auto l = Load({path}, "", o);
  // Argument words differ per goroutine (stale register spill slots), so
  // exact mode splits the 1000 that the default mode keeps together.
  std::vector<uint64_t> counts;
  for (const ClusterEntry& e : l->a.entries) {
    int u = FirstUserFrame(e.cluster(), *e.set);
    if (e.set->Name(e.cluster().frames[u].func) == "main.consume") {
      counts.push_back(e.cluster().count);
    }
  }
  uint64_t sum = 0;
  for (uint64_t n : counts) sum += n;
  EXPECT_EQ(sum, 1000u);
  EXPECT_GT(counts.size(), 4u);
}

TEST(LockOrderDeadlockTest, FourClustersLockViewAndInversion) {
  std::string path = GoData("lock-order-deadlock/goroutine.debug2.txt");
  REQUIRE(path);
  auto l = Load({path});
  const Analysis& a = l->a;
  EXPECT_EQ(a.now.info.goroutines, 10u);
  ExpectCluster(a, "semacquire", "main.transfer", 41, 1,
                "net/http.(*Server).Serve", 3102, true);
  ExpectCluster(a, "semacquire", "main.audit", 52, 1,
                "net/http.(*Server).Serve", 3102, true);
  ExpectCluster(a, "semacquire", "main.transfer", 36, 3,
                "net/http.(*Server).Serve", 3102, true);
  ExpectCluster(a, "semacquire", "main.audit", 48, 2,
                "net/http.(*Server).Serve", 3102, true);
  EXPECT_EQ(a.suspect_goroutines, 7u);
  EXPECT_EQ(a.suspect_clusters, 4u);
  // The stack under the user frame: Lock is inlined (no +0x offset).
  const ClusterEntry* t = Find(a, "semacquire", "main.transfer", 41);
  ASSERT_NE(t, nullptr);
  const Cluster& c = t->cluster();
  ASSERT_GE(c.frames.size(), 5u);
  EXPECT_EQ(t->set->Name(c.frames[0].func), "sync.runtime_SemacquireMutex");
  EXPECT_EQ(t->set->Name(c.frames[1].func), "sync.(*Mutex).lockSlow");
  EXPECT_EQ(t->set->Name(c.frames[2].func), "sync.(*Mutex).Lock");
  EXPECT_TRUE(c.frames[2].inlined);
  EXPECT_EQ(t->set->Name(c.frames[4].func), "main.handleTransfer");
  EXPECT_EQ(c.frames[4].line, 58u);
  // Two locks: accountsMu (transfer:36 + audit:52) and ledgerMu
  // (audit:48 + transfer:41).
  const ClusterSet& set = *a.now.clusters;
  ASSERT_EQ(a.locks.groups.size(), 2u);
  EXPECT_EQ(a.locks.groups[0].count, 4u);
  EXPECT_EQ(a.locks.groups[1].count, 3u);
  auto lines_of = [&](const LockGroup& g) {
    std::vector<uint32_t> v;
    for (const LockWait& w : g.waiters) {
      v.push_back(set.clusters()[w.cluster].frames[w.user_frame].line);
    }
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(lines_of(a.locks.groups[0]), (std::vector<uint32_t>{36, 52}));
  EXPECT_EQ(lines_of(a.locks.groups[1]), (std::vector<uint32_t>{41, 48}));
  ASSERT_EQ(a.locks.inversions.size(), 1u);
  const Inversion& inv = a.locks.inversions[0];
  std::vector<std::pair<std::string_view, uint32_t>> orders = {
      {set.Name(inv.first.func), inv.first.first_line},
      {set.Name(inv.second.func), inv.second.first_line}};
  std::sort(orders.begin(), orders.end());
  EXPECT_EQ(orders[0],
            (std::pair<std::string_view, uint32_t>{"main.audit", 48}));
  EXPECT_EQ(orders[1],
            (std::pair<std::string_view, uint32_t>{"main.transfer", 36}));
  // The cycle and its victims are named.
  const ClusterEntry* cyc = Find(a, "semacquire", "main.audit", 52);
  ASSERT_NE(cyc, nullptr);
  EXPECT_EQ(cyc->reason,
            "lock-order deadlock: holds 0x92fdf0, waits for 0x92fde8 held by "
            "a goroutine that waits for it");
  const ClusterEntry* victim = Find(a, "semacquire", "main.transfer", 36);
  ASSERT_NE(victim, nullptr);
  EXPECT_EQ(victim->reason,
            "queued on 0x92fde8, which a lock-order deadlock holds");
  ExpectOnlySuspects(a, {{"main.transfer", 41},
                         {"main.transfer", 36},
                         {"main.audit", 52},
                         {"main.audit", 48}});
}

TEST(LockOrderDeadlockTest, Debug1) {
  std::string path = GoData("lock-order-deadlock/goroutine.debug1.txt");
  REQUIRE(path);
  auto l = Load({path});
  const Analysis& a = l->a;
  EXPECT_EQ(a.now.info.goroutines, 10u);
  for (auto [func, line, count] :
       std::vector<std::tuple<std::string_view, uint32_t, uint64_t>>{
           {"main.transfer", 41, 1},
           {"main.audit", 52, 1},
           {"main.transfer", 36, 3},
           {"main.audit", 48, 2}}) {
    const ClusterEntry* e = Find(a, "*", func, line);
    ASSERT_NE(e, nullptr) << func << ":" << line;
    EXPECT_EQ(e->cluster().count, count);
    // debug=1 shows no lock address, so no cycle: a few goroutines in
    // sync.Mutex.Lock from one dump are unsure, not suspects.
    EXPECT_FALSE(e->suspect);
    EXPECT_EQ(e->kind, VerdictKind::kUnsure);
    EXPECT_EQ(e->reason, "waiting for a sync.Mutex");
  }
  EXPECT_EQ(a.suspect_goroutines, 0u);
  EXPECT_EQ(a.unsure_goroutines, 7u);
}

TEST(NilChanSelectTest, Debug2) {
  std::string path = GoData("nil-chan-select/goroutine.debug2.txt");
  REQUIRE(path);
  auto l = Load({path});
  const Analysis& a = l->a;
  EXPECT_EQ(l->bad_lines, 0u);
  EXPECT_EQ(a.now.info.goroutines, 13u);
  ExpectCluster(a, "chan send (nil chan)", "main.(*Stats).reporter", 30, 3,
                "main.main", 50, true);
  ExpectCluster(a, "chan receive (nil chan)", "main.(*Stats).listener", 35, 3,
                "main.main", 51, true);
  ExpectCluster(a, "select (no cases)", "main.keepAlive", 41, 3, "main.main",
                52, true);
  ExpectCluster(a, "select (no cases)", "main.main", 60, 1, "", 0, true);
  ExpectCluster(a, "IO wait", "main.main.func1", 58, 1, "main.main", 58, false);
  EXPECT_EQ(a.suspect_goroutines, 10u);
  // The state text keeps its spaces and parentheses.
  const ClusterEntry* e = Find(a, "*", "main.(*Stats).listener", 35);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->set->Name(e->cluster().state), "chan receive (nil chan)");
}

TEST(LongWaitTest, WaitRangesAreAttributesNotIdentity) {
  std::string path = GoData("long-wait/goroutine.debug2.txt");
  REQUIRE(path);
  auto l = Load({path});
  const Analysis& a = l->a;
  EXPECT_EQ(a.now.info.goroutines, 519u);
  const ClusterEntry* f = Find(a, "chan send", "main.FilterService.func1", 66);
  ASSERT_NE(f, nullptr);  // one cluster, not three
  EXPECT_EQ(f->cluster().count, 400u);
  EXPECT_EQ(f->cluster().wait_min, 0);
  EXPECT_EQ(f->cluster().wait_max, 2);
  EXPECT_TRUE(f->suspect);
  const ClusterEntry* fw = Find(a, "chan send", "main.forward", 77);
  ASSERT_NE(fw, nullptr);
  EXPECT_EQ(fw->cluster().count, 100u);
  EXPECT_EQ(fw->cluster().wait_min, 2);
  EXPECT_EQ(fw->cluster().wait_max, 2);
  EXPECT_EQ(a.entries[0].cluster().count, 400u);
  EXPECT_EQ(a.entries[1].cluster().count, 100u);
  ExpectOnlySuspects(a,
                     {{"main.FilterService.func1", 66}, {"main.forward", 77}});
  // Healthy goroutines with long waits stay healthy.
  const ClusterEntry* w = Find(a, "select", "main.worker", 127);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->cluster().count, 8u);
  EXPECT_EQ(w->cluster().wait_max, 1);
  EXPECT_FALSE(w->suspect);
  const ClusterEntry* io = Find(a, "IO wait", "main.idleUpstream.func1", 147);
  ASSERT_NE(io, nullptr);
  EXPECT_EQ(io->cluster().wait_max, 2);
  EXPECT_FALSE(io->suspect);
  const ClusterEntry* sig = Find(a, "chan receive", "main.main.func2", 203);
  ASSERT_NE(sig, nullptr);
  EXPECT_EQ(sig->cluster().wait_max, 2);
  EXPECT_FALSE(sig->suspect);
  // --min-wait 2m keeps the long waits only.
  AnalysisOptions o;
  o.min_wait_seconds = 120;
  auto m = Load({path}, "", o);
  EXPECT_NE(Find(m->a, "chan send", "main.forward", 77), nullptr);
  EXPECT_EQ(Find(m->a, "select", "main.worker", 127), nullptr);
}

TEST(LongWaitTest, SigquitRuntimeGoroutinesWithMinutes) {
  std::string path = GoData("long-wait/sigquit.stderr.txt");
  REQUIRE(path);
  auto l = Load({path});
  const Analysis& a = l->a;
  EXPECT_EQ(l->bad_lines, 0u);
  const ClusterEntry* f = Find(a, "chan send", "main.FilterService.func1", 66);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->cluster().count, 400u);
  EXPECT_EQ(f->cluster().wait_max, 2);
  ExpectOnlySuspects(a,
                     {{"main.FilterService.func1", 66}, {"main.forward", 77}});
  bool locked = false;
  for (const ClusterEntry& e : a.entries) {
    std::string_view s = e.set->Name(e.cluster().state);
    if (s == "finalizer wait" || s == "force gc (idle)") {
      EXPECT_EQ(e.cluster().wait_max, 2) << s;
    }
    if (e.cluster().locked_to_thread > 0) {
      locked = true;
      EXPECT_EQ(s, "select");
      EXPECT_EQ(e.cluster().wait_max, 2);
      EXPECT_FALSE(e.suspect);
    }
  }
  EXPECT_TRUE(locked);
}

TEST(PanicCrashTest, PanicMessageCrashedGoroutineAndClusters) {
  std::string path = GoData("panic-crash/panic.stderr.txt");
  REQUIRE(path);
  auto l = Load({path});
  const Analysis& a = l->a;
  EXPECT_EQ(l->bad_lines, 0u);
  EXPECT_EQ(a.now.info.panic_message,
            "panic: runtime error: index out of range [3] with length 3");
  EXPECT_EQ(a.now.info.goroutines, 10u);
  ASSERT_GE(a.crashed, 0);
  const Cluster& crashed = a.entries[a.crashed].cluster();
  EXPECT_EQ(crashed.crashed_id, 23u);
  EXPECT_EQ(a.now.clusters->Name(crashed.state), "running");
  EXPECT_EQ(a.now.clusters->Name(crashed.frames[0].func),
            "main.(*processor).applyDiscount");
  EXPECT_EQ(crashed.frames[0].line, 34u);
  EXPECT_TRUE(crashed.frames[0].inlined);
  EXPECT_EQ(crashed.frames[1].line, 40u);
  ExpectCluster(a, "sleep", "main.main", 82, 1, "", 0, false);
  ExpectCluster(a, "chan receive", "main.(*processor).run", 39, 3, "main.main",
                67, false);
  ExpectCluster(a, "select", "main.flusher", 53, 1, "main.main", 69, false);
  // The README's leak: the three notify senders were blocked when the
  // process crashed, with no receiver waiting (a waiting one would have
  // taken the value) and none to come: proven, with that evidence. The
  // WaitGroup closer started by main is healthy.
  ExpectCluster(a, "chan send", "main.notify", 46, 3, "main.main", 72, true);
  EXPECT_EQ(Find(a, "chan send", "main.notify", 46)->kind,
            VerdictKind::kProven);
  EXPECT_EQ(Find(a, "chan send", "main.notify", 46)->evidence,
            "the process crashed with 3 goroutines blocked in [chan send]: no "
            "goroutine waited to receive (a waiting receiver takes a sent "
            "value at once) and none can come after the crash");
  EXPECT_EQ(a.suspect_clusters, 1u);
  ExpectCluster(a, "semacquire", "main.main.func1", 75, 1, "main.main", 74,
                false);
  EXPECT_EQ(Find(a, "semacquire", "main.main.func1", 75)->kind,
            VerdictKind::kHealthy);
}

TEST(ScaleTest, HundredThousandGoroutinesInTwentyOneClusters) {
  std::string path = GoData("scale/goroutines-100k.debug2.txt.gz");
  REQUIRE(path);
  auto l = Load({path});
  const Analysis& a = l->a;
  EXPECT_EQ(l->bad_lines, 0u);
  EXPECT_EQ(a.now.info.goroutines, 100001u);
  EXPECT_EQ(a.now.clusters->clusters().size(), 21u);
  struct Row {
    uint64_t count;
    std::string_view state, func;
    uint32_t line;
    std::string_view creator;
    uint32_t creator_line;
    size_t frames;  // 0 = not checked
  };
  // Keyed by the creator (the relay and fail clusters share a top frame).
  std::vector<Row> rows = {
      {20000, "chan send", "main.sendResult", 26, "main.main.func1", 168, 0},
      {15000, "chan send", "main.filterStage.func1", 47, "main.filterStage", 43,
       0},
      {12000, "chan send", "main.(*fetcher).deliver", 37, "main.main.func2",
       169, 2},
      {6000, "chan send", "main.(*broker).publish.func1", 69,
       "main.(*broker).publish", 68, 0},
      {5000, "select", "main.publishTimeout", 76, "main.main.func10", 181, 0},
      {4000, "chan send", "main.batchFlush", 98, "main.main.func13", 184, 0},
      {4000, "chan send", "main.relay", 61, "main.main.func4", 175, 2},
      {4000, "chan send", "main.relay", 61, "main.main.func5", 176, 3},
      {4000, "chan send", "main.relay", 61, "main.main.func6", 177, 4},
      {3000, "chan send", "main.relay", 61, "main.main.func7", 178, 6},
      {3000, "chan send", "main.relay", 61, "main.main.func8", 179, 9},
      {3500, "chan send", "main.(*request).fail", 88, "main.main.func11", 182,
       2},
      {3500, "chan send", "main.(*request).fail", 88, "main.main.func12", 183,
       2},
      {3000, "chan send", "main.startNested.func1.1", 103,
       "main.startNested.func1", 102, 0},
      {4000, "select", "main.tickerWorker", 113, "main.main.func15", 186, 0},
      {2000, "chan receive", "main.idleReceiver", 122, "main.main.func16", 187,
       0},
      {1000, "sleep", "main.sleeper", 129, "main.main.func17", 188, 0},
      {1000, "semacquire", "main.lockWaiter", 134, "main.main.func18", 189, 0},
      {1000, "semacquire", "main.rwReader", 145, "main.main.func20", 191, 0},
      {1000, "sync.Cond.Wait", "main.condWaiter", 140, "main.main.func19", 190,
       0},
  };
  const ClusterSet& set = *a.now.clusters;
  for (const Row& r : rows) {
    int matches = 0;
    for (const ClusterEntry& e : a.entries) {
      const Cluster& c = e.cluster();
      if (!c.has_creator || set.Name(c.creator.func) != r.creator) continue;
      ++matches;
      EXPECT_EQ(c.count, r.count) << r.creator;
      EXPECT_EQ(set.Name(c.state), r.state) << r.creator;
      EXPECT_EQ(c.creator.line, r.creator_line) << r.creator;
      int u = FirstUserFrame(c, set);
      EXPECT_EQ(set.Name(c.frames[u].func), r.func) << r.creator;
      EXPECT_EQ(c.frames[u].line, r.line) << r.creator;
      if (r.frames) {
        EXPECT_EQ(c.frames.size(), r.frames) << r.creator;
      }
    }
    EXPECT_EQ(matches, 1) << r.creator;
  }
  // handleRequest :92 vs :95 keep the two fail clusters apart.
  const ClusterEntry* main1 = Find(a, "running", "main.main", 214);
  ASSERT_NE(main1, nullptr);
  EXPECT_FALSE(main1->cluster().has_creator);
  // The mutex waiters are grouped under one lock.
  int mutex_groups = 0;
  for (const LockGroup& g : a.locks.groups) {
    if (set.Name(g.kind) != "sync.Mutex") continue;
    ++mutex_groups;
    EXPECT_EQ(g.count, 1000u);
    ASSERT_EQ(g.waiters.size(), 1u);
    const Cluster& c = set.clusters()[g.waiters[0].cluster];
    EXPECT_EQ(set.Name(c.frames[g.waiters[0].user_frame].func),
              "main.lockWaiter");
  }
  EXPECT_EQ(mutex_groups, 1);
}

TEST(ScaleTest, FunctionsSimilarityStillSeparatesRelayDepths) {
  std::string path = GoData("scale/goroutines-100k.debug2.txt.gz");
  REQUIRE(path);
  AnalysisOptions o;
  o.similarity = Similarity::kFunctions;
  auto l = Load({path}, "", o);
  // Lines ignored: the two fail clusters (:92 vs :95) still differ by
  // creator function, so the count stays 21.
  EXPECT_EQ(l->a.now.clusters->clusters().size(), 21u);
}

}  // namespace
}  // namespace goroutine
