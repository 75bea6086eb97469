// The one goroutine -> folded converter: exact stacks on real dumps, the
// options, and the promise that goleak-cluster's per-cluster folding gives
// the same lines as stackfold's per-goroutine folding.
#include "common/goroutine/folded.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/io/bad_lines.h"
#include "common/io/input_file.h"
#include "common/stack/folded_text.h"
#include "tests/goroutine/fixture_util.h"
#include "tests/goroutine/test_util.h"

namespace goroutine {
namespace {

using goroutine_test::Exists;
using goroutine_test::GoData;

#define REQUIRE(path) \
  if (!Exists(path)) GTEST_SKIP() << path << " not found (SHARED_DIR)"

// Folds a dump file goroutine by goroutine, as stackfold does.
std::string FoldFile(const std::string& path, const FoldedOptions& options) {
  std::string error;
  std::unique_ptr<io::InputFile> in = io::InputFile::Open(path, &error);
  EXPECT_TRUE(in) << error;
  if (!in) return "";
  stack::FoldedStacks folded;
  DumpFolder folder(options, &folded);
  io::BadLineSink bad;
  DumpInfo info;
  EXPECT_TRUE(ParseDump(in.get(), &folder, &bad, &info, &error)) << error;
  EXPECT_EQ(bad.count(), 0u) << bad.first();
  return stack::FoldedToString(folded);
}

// Folds a dump given as text.
std::string FoldText(std::string_view text, const FoldedOptions& options) {
  stack::FoldedStacks folded;
  DumpFolder folder(options, &folded);
  io::BadLineSink bad;
  DumpParser parser(&folder, &bad);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    parser.Line(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  parser.Finish();
  EXPECT_EQ(bad.count(), 0u) << bad.first();
  return stack::FoldedToString(folded);
}

TEST(FoldedTest, RealDumpExactStacks) {
  const std::string path = GoData("nil-chan-select/goroutine.debug2.txt");
  REQUIRE(path);
  EXPECT_EQ(
      FoldFile(path, FoldedOptions()),
      "main.(*Stats).listener;[chan receive (nil chan)] 3\n"
      "main.(*Stats).reporter;[chan send (nil chan)] 3\n"
      "main.keepAlive;[select (no cases)] 3\n"
      "main.main.func1;net/http.Serve;net/http.(*Server).Serve;net.(*"
      "TCPListener).Accept;net.(*TCPListener).accept;net.(*netFD).accept;"
      "internal/poll.(*FD).Accept;internal/poll.(*pollDesc).waitRead;internal/"
      "poll.(*pollDesc).wait;internal/poll.runtime_pollWait;[IO wait] 1\n"
      "main.main;[select (no cases)] 1\n"
      "net/http.(*conn).serve;net/http.serverHandler.ServeHTTP;net/http.(*"
      "ServeMux).ServeHTTP;net/http.HandlerFunc.ServeHTTP;net/http/"
      "pprof.Index;net/http/pprof.handler.ServeHTTP;runtime/pprof.(*Profile)."
      "WriteTo;runtime/pprof.writeGoroutine;runtime/"
      "pprof.writeGoroutineStacks;[running] 1\n"
      "runtime.goexit;net/http.(*connReader).startBackgroundRead.func2;"
      "[runnable] 1\n");
}

TEST(FoldedTest, RunningOnAnotherThreadSaysStackUnavailable) {
  const std::string path =
      std::string(TESTDATA_DIR) + "/goleak-cluster/go123-forms.txt";
  const std::string text = FoldFile(path, FoldedOptions());
  EXPECT_EQ(text.substr(0, text.find('\n') + 1),
            "[stack unavailable];[running] 1\n");
}

TEST(FoldedTest, Options) {
  constexpr char kDump[] =
      "goroutine 1 [chan receive]:\n"
      "main.Map[go.shape.int_0,go.shape.string_1](...)\n"
      "\t/src/m.go:7\n"
      "runtime.goexit()\n"
      "\t/go/src/runtime/asm_amd64.s:1700 +0x1\n"
      "\n"
      "goroutine 2 [running]:\n"
      "\tgoroutine running on other thread; stack unavailable\n"
      "\n";
  EXPECT_EQ(FoldText(kDump, FoldedOptions()),
            "[stack unavailable];[running] 1\n"
            "runtime.goexit;main.Map[...];[chan receive] 1\n");
  FoldedOptions trim;
  trim.trim_runtime = true;
  EXPECT_EQ(FoldText(kDump, trim),
            "[stack unavailable];[running] 1\n"
            "main.Map[...];[chan receive] 1\n");
  FoldedOptions lines;
  lines.keep_shapes = true;
  lines.lines = true;
  EXPECT_EQ(FoldText(kDump, lines),
            "[stack unavailable];[running] 1\n"
            "runtime.goexit:/go/src/runtime/asm_amd64.s:1700;"
            "main.Map[go.shape.int_0,go.shape.string_1]:/src/m.go:7;"
            "[chan receive] 1\n");
}

TEST(FoldedTest, DebugOneRecordWithoutFramesStillCountsEmptyOneDoesNot) {
  EXPECT_EQ(FoldText("goroutine profile: total 3\n"
                     "2 @ 0x0\n#\t0x0\n\n"
                     "1 @ 0x1\n#\t0x1\tmain.f+0x1\t/src/m.go:3\n\n"
                     "0 @ 0x2\n#\t0x2\tmain.g+0x1\t/src/m.go:4\n\n",
                     FoldedOptions()),
            "[no frames] 2\nmain.f 1\n");
}

TEST(FoldedTest, ClustersFoldLikeTheirGoroutines) {
  const Similarity kModes[] = {Similarity::kExact, Similarity::kLines,
                               Similarity::kFunctions};
  for (const char* rel :
       {"nil-chan-select/goroutine.debug2.txt",
        "lock-order-deadlock/goroutine.debug2.txt",
        "lock-order-deadlock/goroutine.debug1.txt",
        "leaked-senders/goroutine.debug2.txt",
        "leaked-senders/sigquit.stderr.txt.gz", "long-wait/sigquit.stderr.txt",
        "panic-crash/panic.stderr.txt"}) {
    const std::string path = GoData(rel);
    REQUIRE(path);
    FoldedOptions trim;
    trim.trim_runtime = true;
    for (const FoldedOptions& options : {FoldedOptions(), trim}) {
      const std::string by_goroutine = FoldFile(path, options);
      for (Similarity mode : kModes) {
        AnalysisOptions analysis;
        analysis.similarity = mode;
        auto l = goroutine_test::Load({path}, "", analysis);
        ASSERT_EQ(l->error, "");
        stack::FoldedStacks folded;
        AddFoldedClusters(l->a, options, &folded);
        EXPECT_EQ(stack::FoldedToString(folded), by_goroutine) << rel;
      }
    }
  }
}

}  // namespace
}  // namespace goroutine
