// Clustering keys (similarity modes), per-cluster attributes and the lock
// request extraction, on small hand-written dumps.
#include <gtest/gtest.h>

#include "common/goroutine/cluster_set.h"
#include "common/goroutine/leak_rules.h"
#include "common/goroutine/lock_view.h"
#include "tests/goroutine/test_util.h"

namespace goroutine {
namespace {

constexpr char kDump[] =
    "goroutine 1 [chan send]:\nmain.a(0x1)\n\t/x/a.go:10 +0x1\n"
    "created by main.main in goroutine 7\n\t/x/m.go:5 +0x1\n\n"
    "goroutine 2 [chan send, 4 minutes]:\nmain.a(0x2)\n\t/x/a.go:10 +0x1\n"
    "created by main.main in goroutine 8\n\t/x/m.go:5 +0x1\n\n"
    "goroutine 3 [chan send, 1 minutes, locked to thread]:\nmain.a(0x1)\n"
    "\t/x/a.go:11 +0x1\ncreated by main.main\n\t/x/m.go:5 +0x1\n\n"
    "goroutine 4 [chan receive]:\nmain.a(0x1)\n\t/x/a.go:10 +0x1\n"
    "created by main.main\n\t/x/m.go:5 +0x1\n\n"
    "goroutine 5 [chan send]:\nmain.a(0x1)\n\t/x/a.go:10 +0x1\n"
    "created by main.other\n\t/x/m.go:9 +0x1\n\n";

std::vector<uint64_t> Counts(Similarity s, stack::SymbolTable* symbols,
                             ClusterSet** out_set = nullptr) {
  static std::unique_ptr<ClusterSet> keep;
  keep = std::make_unique<ClusterSet>(symbols, s);
  io::BadLineSink bad;
  DumpParser p(keep.get(), &bad);
  std::string_view text = kDump;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    p.Line(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  p.Finish();
  EXPECT_EQ(bad.count(), 0u) << bad.first();
  std::vector<uint64_t> counts;
  for (const Cluster& c : keep->clusters()) counts.push_back(c.count);
  if (out_set) *out_set = keep.get();
  return counts;
}

TEST(ClusterSetTest, SimilarityModes) {
  stack::SymbolTable symbols;
  // lines: 1+2 merge (args differ); 3 differs by line; 4 by state; 5 by
  // creator.
  EXPECT_EQ(Counts(Similarity::kLines, &symbols),
            (std::vector<uint64_t>{2, 1, 1, 1}));
  // exact: 1 and 2 differ by argument.
  EXPECT_EQ(Counts(Similarity::kExact, &symbols),
            (std::vector<uint64_t>{1, 1, 1, 1, 1}));
  // functions: line 11 joins line 10.
  EXPECT_EQ(Counts(Similarity::kFunctions, &symbols),
            (std::vector<uint64_t>{3, 1, 1}));
}

TEST(ClusterSetTest, AttributesOfACluster) {
  stack::SymbolTable symbols;
  ClusterSet* set;
  Counts(Similarity::kFunctions, &symbols, &set);
  const Cluster& c = set->clusters()[0];
  EXPECT_EQ(c.count, 3u);
  EXPECT_EQ(set->Name(c.state), "chan send");
  EXPECT_EQ(c.wait_min, 0);
  EXPECT_EQ(c.wait_max, 4);
  EXPECT_EQ(c.locked_to_thread, 1u);
  EXPECT_EQ(c.ids, (std::vector<uint64_t>{1, 2, 3}));
  EXPECT_EQ(c.parent_ids, (std::vector<uint64_t>{7, 8}));
  EXPECT_EQ(set->Name(c.creator.func), "main.main");
  EXPECT_EQ(set->Name(c.frames[0].file), "/x/a.go");
}

TEST(ClusterSetTest, ParseSimilarity) {
  Similarity s;
  EXPECT_TRUE(ParseSimilarity("exact", &s));
  EXPECT_EQ(s, Similarity::kExact);
  EXPECT_TRUE(ParseSimilarity("functions", &s));
  EXPECT_EQ(s, Similarity::kFunctions);
  EXPECT_FALSE(ParseSimilarity("fuzzy", &s));
}

TEST(LockRequestTest, MutexReceiverFromLockSlow) {
  std::vector<RawFrame> frames(4);
  frames[0].func = "sync.runtime_SemacquireMutex";
  frames[0].args = "0xc00004c978?, 0xd5?, 0x10294670ccf?";
  frames[1].func = "sync.(*Mutex).lockSlow";
  frames[1].args = "0x92fde8";
  frames[2].func = "sync.(*Mutex).Lock";
  frames[2].args = "...";
  frames[3].func = "main.audit";
  LockRequest r;
  ASSERT_TRUE(FindLockRequest(frames, &r));
  EXPECT_EQ(r.address, "0x92fde8");
  EXPECT_EQ(r.kind, "sync.Mutex");
  EXPECT_EQ(r.user_frame, 3);
}

TEST(LockRequestTest, RWMutexAndNonLocks) {
  std::vector<RawFrame> frames(3);
  frames[0].func = "sync.runtime_SemacquireMutex";
  frames[0].args = "0x0?, 0x0?, 0x0?";
  frames[1].func = "sync.(*RWMutex).RLock";
  frames[1].args = "...";
  frames[2].func = "main.rwReader";
  LockRequest r;
  ASSERT_TRUE(FindLockRequest(frames, &r));
  EXPECT_EQ(r.kind, "sync.RWMutex (read)");
  EXPECT_EQ(r.address, "(address not in dump)");
  frames[1].func = "sync.(*RWMutex).Lock";
  frames[1].args = "0xc000123400";
  ASSERT_TRUE(FindLockRequest(frames, &r));
  EXPECT_EQ(r.kind, "sync.RWMutex");
  EXPECT_EQ(r.address, "0xc000123400");
  frames[0].func = "sync.runtime_Semacquire";
  frames[1].func = "sync.(*WaitGroup).Wait";
  EXPECT_FALSE(FindLockRequest(frames, &r));
  frames.resize(1);
  frames[0].func = "main.x";
  EXPECT_FALSE(FindLockRequest(frames, &r));
}

TEST(NameTest, FirstUserFrameSkipsTheStandardLibraryOnly) {
  // stack::IsStandardLibrary decides: a single-element package that is not
  // a standard one ("myservice") is the user's code.
  stack::SymbolTable symbols;
  ClusterSet set(&symbols, Similarity::kLines);
  io::BadLineSink bad;
  DumpParser p(&set, &bad);
  for (std::string_view line :
       {"goroutine 1 [semacquire]:", "sync.runtime_Semacquire(0x1)",
        "\t/go/src/runtime/sema.go:62 +0x1", "sync.(*Mutex).Lock(...)",
        "\t/go/src/sync/mutex.go:90", "myservice.Handle()", "\t/x/h.go:7 +0x1",
        "net/http.(*conn).serve(0x1)", "\t/go/src/net/http/server.go:2000 +0x1",
        "", "goroutine 2 [IO wait]:", "internal/poll.runtime_pollWait(0x1)",
        "\t/go/src/runtime/netpoll.go:1 +0x1", "net/http.(*conn).serve(0x1)",
        "\t/go/src/net/http/server.go:2000 +0x1", ""}) {
    p.Line(line);
  }
  p.Finish();
  ASSERT_EQ(bad.count(), 0u) << bad.first();
  ASSERT_EQ(set.clusters().size(), 2u);
  EXPECT_EQ(FirstUserFrame(set.clusters()[0], set), 2);
  // All standard library: the bottom frame names the goroutine.
  EXPECT_EQ(FirstUserFrame(set.clusters()[1], set), 1);
}

}  // namespace
}  // namespace goroutine
