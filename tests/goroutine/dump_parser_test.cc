// Unit tests for each header, frame and framing form of Go goroutine dumps,
// including forms Go 1.19 does not print (written by hand from the Go
// runtime's traceback.go formats), and bad input.
#include "common/goroutine/dump_parser.h"

#include <gtest/gtest.h>

#include "tests/goroutine/test_util.h"

namespace goroutine {
namespace {

using goroutine_test::Collector;
using goroutine_test::Parse;

TEST(HeaderTest, PlainState) {
  Goroutine g;
  ASSERT_TRUE(ParseGoroutineHeader("goroutine 123 [chan send]:", &g));
  EXPECT_EQ(g.id, 123u);
  EXPECT_EQ(g.state, "chan send");
  EXPECT_EQ(g.wait_minutes, -1);
  EXPECT_FALSE(g.locked_to_thread);
}

TEST(HeaderTest, MinutesAndLockedToThread) {
  Goroutine g;
  ASSERT_TRUE(ParseGoroutineHeader(
      "goroutine 7 [select, 2 minutes, locked to thread]:", &g));
  EXPECT_EQ(g.state, "select");
  EXPECT_EQ(g.wait_minutes, 2);
  EXPECT_TRUE(g.locked_to_thread);
  ASSERT_TRUE(ParseGoroutineHeader("goroutine 8 [chan send, 1 minutes]:", &g));
  EXPECT_EQ(g.wait_minutes, 1);
  ASSERT_TRUE(
      ParseGoroutineHeader("goroutine 9 [select, locked to thread]:", &g));
  EXPECT_EQ(g.wait_minutes, -1);
  EXPECT_TRUE(g.locked_to_thread);
}

TEST(HeaderTest, ParenthesisedStatesKeepTheirText) {
  Goroutine g;
  ASSERT_TRUE(ParseGoroutineHeader("goroutine 19 [chan send (nil chan)]:", &g));
  EXPECT_EQ(g.state, "chan send (nil chan)");
  ASSERT_TRUE(ParseGoroutineHeader(
      "goroutine 20 [chan receive (nil chan), 5 minutes]:", &g));
  EXPECT_EQ(g.state, "chan receive (nil chan)");
  EXPECT_EQ(g.wait_minutes, 5);
  ASSERT_TRUE(ParseGoroutineHeader("goroutine 1 [select (no cases)]:", &g));
  EXPECT_EQ(g.state, "select (no cases)");
  ASSERT_TRUE(ParseGoroutineHeader("goroutine 2 [GC worker (idle)]:", &g));
  EXPECT_EQ(g.state, "GC worker (idle)");
}

// Markers the runtime appends to the wait reason are flags, in any order,
// and the state keeps its own parentheses.
TEST(HeaderTest, LeakedAndScanMarkersAreFlags) {
  Goroutine g;
  ASSERT_TRUE(ParseGoroutineHeader("goroutine 7 [chan send (leaked)]:", &g));
  EXPECT_EQ(g.state, "chan send");
  EXPECT_TRUE(g.leaked);
  ASSERT_TRUE(ParseGoroutineHeader(
      "goroutine 8 gp=0xc000 m=nil [chan send (nil chan) (leaked), 3 "
      "minutes]:",
      &g));
  EXPECT_EQ(g.state, "chan send (nil chan)");
  EXPECT_TRUE(g.leaked);
  EXPECT_EQ(g.wait_minutes, 3);
  ASSERT_TRUE(ParseGoroutineHeader(
      "goroutine 9 [sync.WaitGroup.Wait (durable) (leaked)]:", &g));
  EXPECT_EQ(g.state, "sync.WaitGroup.Wait");
  EXPECT_TRUE(g.durable);
  EXPECT_TRUE(g.leaked);
  ASSERT_TRUE(ParseGoroutineHeader("goroutine 10 [select (scan)]:", &g));
  EXPECT_EQ(g.state, "select");
  EXPECT_FALSE(g.leaked);
  // An unknown piece after ", " (a synctest bubble id) is ignored.
  ASSERT_TRUE(ParseGoroutineHeader(
      "goroutine 11 [chan receive, 2 minutes, synctest bubble 4]:", &g));
  EXPECT_EQ(g.state, "chan receive");
  EXPECT_EQ(g.wait_minutes, 2);
}

TEST(HeaderTest, DurableMarkerIsAFlag) {
  Goroutine g;
  ASSERT_TRUE(
      ParseGoroutineHeader("goroutine 5 [chan receive (durable)]:", &g));
  EXPECT_EQ(g.state, "chan receive");
  EXPECT_TRUE(g.durable);
  ASSERT_TRUE(ParseGoroutineHeader(
      "goroutine 6 [sync.WaitGroup.Wait (durable), 3 minutes]:", &g));
  EXPECT_EQ(g.state, "sync.WaitGroup.Wait");
  EXPECT_EQ(g.wait_minutes, 3);
  EXPECT_TRUE(g.durable);
}

TEST(HeaderTest, Go122GoroutineAndMachineAddresses) {
  Goroutine g;
  ASSERT_TRUE(ParseGoroutineHeader(
      "goroutine 1 gp=0xc000002380 m=0 mp=0x5c6d40 [running]:", &g));
  EXPECT_EQ(g.id, 1u);
  EXPECT_EQ(g.state, "running");
  ASSERT_TRUE(ParseGoroutineHeader(
      "goroutine 17 gp=0xc000102a80 m=nil [chan send, 12 minutes]:", &g));
  EXPECT_EQ(g.id, 17u);
  EXPECT_EQ(g.state, "chan send");
  EXPECT_EQ(g.wait_minutes, 12);
}

TEST(HeaderTest, RejectsNonHeaders) {
  Goroutine g;
  EXPECT_FALSE(ParseGoroutineHeader("goroutine profile: total 5", &g));
  EXPECT_FALSE(ParseGoroutineHeader(
      "goroutine running on other thread; stack unavailable", &g));
  EXPECT_FALSE(ParseGoroutineHeader("goroutine 12 [chan send", &g));
  EXPECT_FALSE(ParseGoroutineHeader("goroutine x [running]:", &g));
  EXPECT_FALSE(ParseGoroutineHeader("goroutine 3 []:", &g));
}

TEST(FrameTest, FunctionLines) {
  RawFrame f;
  ASSERT_TRUE(ParseFunctionLine(
      "main.forward(0xc000743cc0?, {0x7ad640?, {0x725a49?, 0x635bc6?}}, "
      "0xc0005e2720?)",
      &f));
  EXPECT_EQ(f.func, "main.forward");
  EXPECT_EQ(f.args,
            "0xc000743cc0?, {0x7ad640?, {0x725a49?, 0x635bc6?}}, "
            "0xc0005e2720?");
  EXPECT_FALSE(f.inlined);
  ASSERT_TRUE(ParseFunctionLine("net/http.Serve(...)", &f));
  EXPECT_EQ(f.func, "net/http.Serve");
  EXPECT_TRUE(f.inlined);
  ASSERT_TRUE(ParseFunctionLine("main.(*server).handleSearch(0x0?)", &f));
  EXPECT_EQ(f.func, "main.(*server).handleSearch");
  ASSERT_TRUE(ParseFunctionLine("os/signal.Notify.func1.1()", &f));
  EXPECT_EQ(f.func, "os/signal.Notify.func1.1");
  EXPECT_EQ(f.args, "");
  ASSERT_TRUE(ParseFunctionLine("main.Map[...](0x1, 0x2, ...)", &f));
  EXPECT_EQ(f.func, "main.Map[...]");
  EXPECT_EQ(f.args, "0x1, 0x2, ...");
  ASSERT_TRUE(ParseFunctionLine("main.G[go.shape.int](...)", &f));
  EXPECT_EQ(f.func, "main.G[go.shape.int]");
  EXPECT_FALSE(ParseFunctionLine("hello world", &f));
  EXPECT_FALSE(ParseFunctionLine("some text (with parens)", &f));
}

TEST(FrameTest, FileLines) {
  RawFrame f;
  ASSERT_TRUE(ParseFileLine("\t/go/src/p/pipeline.go:66 +0x173", &f));
  EXPECT_EQ(f.file, "/go/src/p/pipeline.go");
  EXPECT_EQ(f.line, 66u);
  ASSERT_TRUE(ParseFileLine("\t/usr/lib/go/src/net/http/server.go:2568", &f));
  EXPECT_EQ(f.line, 2568u);
  ASSERT_TRUE(ParseFileLine(
      "\t/usr/lib/go-1.19/src/runtime/proc.go:363 +0xd6 fp=0xc0000b7b20 "
      "sp=0xc0000b7b00 pc=0x43b256",
      &f));
  EXPECT_EQ(f.file, "/usr/lib/go-1.19/src/runtime/proc.go");
  EXPECT_EQ(f.line, 363u);
  ASSERT_TRUE(ParseFileLine("\t<autogenerated>:1 +0x2a", &f));
  EXPECT_EQ(f.file, "<autogenerated>");
  ASSERT_TRUE(ParseFileLine("\tC:/Program Files/x/main.go:12 +0x1", &f));
  EXPECT_EQ(f.file, "C:/Program Files/x/main.go");
  EXPECT_FALSE(ParseFileLine("\tno line number here", &f));
}

constexpr char kTwoGoroutines[] =
    "goroutine 5 [chan send, 3 minutes]:\n"
    "main.worker(0xc000010000?, {0x1, 0x2})\n"
    "\t/src/app/main.go:20 +0x45\n"
    "main.run(...)\n"
    "\t/src/app/main.go:30\n"
    "created by main.start in goroutine 1\n"
    "\t/src/app/main.go:40 +0x99\n"
    "\n"
    "goroutine 1 [running]:\n"
    "main.main()\n"
    "\t/src/app/main.go:50 +0x10\n";

TEST(ParserTest, Debug2Goroutines) {
  Collector c;
  DumpInfo info = Parse(kTwoGoroutines, &c);
  ASSERT_EQ(c.goroutines.size(), 2u);
  EXPECT_TRUE(c.bad.count() == 0u);
  const auto& g = c.goroutines[0];
  EXPECT_EQ(g.id, 5u);
  EXPECT_EQ(g.state, "chan send");
  EXPECT_EQ(g.wait_minutes, 3);
  ASSERT_EQ(g.frames.size(), 2u);
  EXPECT_EQ(g.frames[0].func, "main.worker");
  EXPECT_EQ(g.frames[0].args, "0xc000010000?, {0x1, 0x2}");
  EXPECT_EQ(g.frames[0].file, "/src/app/main.go");
  EXPECT_EQ(g.frames[0].line, 20u);
  EXPECT_TRUE(g.frames[1].inlined);
  EXPECT_EQ(g.frames[1].line, 30u);
  ASSERT_TRUE(g.has_creator);
  EXPECT_EQ(g.creator.func, "main.start");
  EXPECT_EQ(g.creator.line, 40u);
  EXPECT_EQ(g.creator_goroutine, 1u);  // Go 1.21+ "in goroutine N"
  EXPECT_FALSE(c.goroutines[1].has_creator);
  EXPECT_EQ(info.goroutines, 2u);
  EXPECT_FALSE(info.truncated);
}

TEST(ParserTest, CrlfLines) {
  std::string crlf;
  for (char ch : std::string(kTwoGoroutines)) {
    if (ch == '\n') crlf.push_back('\r');
    crlf.push_back(ch);
  }
  Collector c;
  Parse(crlf, &c);
  ASSERT_EQ(c.goroutines.size(), 2u);
  EXPECT_TRUE(c.bad.count() == 0u);
  EXPECT_EQ(c.goroutines[0].state, "chan send");
  EXPECT_EQ(c.goroutines[0].frames[0].line, 20u);
}

TEST(ParserTest, LogPrefixedAndIndentedDumps) {
  std::string prefixed, indented;
  size_t pos = 0;
  std::string_view text = kTwoGoroutines;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl - pos);
    prefixed += "2024-05-01T10:00:00Z app[42]: " + std::string(line) + "\n";
    indented += line.empty() ? "\n" : "    " + std::string(line) + "\n";
    pos = nl + 1;
  }
  for (const std::string& input : {prefixed, indented}) {
    Collector c;
    Parse(input, &c);
    ASSERT_EQ(c.goroutines.size(), 2u) << input;
    EXPECT_TRUE(c.bad.count() == 0u) << c.bad.first();
    EXPECT_EQ(c.goroutines[0].frames[0].func, "main.worker");
    EXPECT_EQ(c.goroutines[0].frames[1].line, 30u);
    EXPECT_EQ(c.goroutines[0].creator.func, "main.start");
    EXPECT_EQ(c.goroutines[1].frames[0].func, "main.main");
  }
}

TEST(ParserTest, ElisionMarkers) {
  Collector c;
  Parse(
      "goroutine 9 [running]:\n"
      "main.deep(0x1)\n\t/a.go:5 +0x1\n"
      "...additional frames elided...\n"
      "created by main.main\n\t/a.go:9 +0x2\n\n"
      "goroutine 10 [running]:\n"
      "main.deep(0x1)\n\t/a.go:5 +0x1\n"
      "...12 frames elided...\n"
      "main.root()\n\t/a.go:1 +0x3\n\n",
      &c);
  ASSERT_EQ(c.goroutines.size(), 2u);
  EXPECT_TRUE(c.bad.count() == 0u);
  EXPECT_TRUE(c.goroutines[0].elided);
  EXPECT_EQ(c.goroutines[0].elided_frames, 0u);
  EXPECT_TRUE(c.goroutines[0].has_creator);
  EXPECT_TRUE(c.goroutines[1].elided);
  EXPECT_EQ(c.goroutines[1].elided_frames, 12u);
  ASSERT_EQ(c.goroutines[1].frames.size(), 2u);
  EXPECT_EQ(c.goroutines[1].frames[1].func, "main.root");
}

TEST(ParserTest, AncestorBlocksGiveParentIds) {
  Collector c;
  Parse(
      "goroutine 6 [chan receive]:\n"
      "main.child()\n\t/a.go:10 +0x1\n"
      "created by main.parent\n\t/a.go:20 +0x2\n"
      "[originating from goroutine 3]:\n"
      "main.parent(...)\n\t/a.go:20\n"
      "created by main.main\n\t/a.go:30 +0x3\n"
      "[originating from goroutine 1]:\n"
      "main.main()\n\t/a.go:30 +0x4\n"
      "\n",
      &c);
  ASSERT_EQ(c.goroutines.size(), 1u);
  EXPECT_TRUE(c.bad.count() == 0u);
  const auto& g = c.goroutines[0];
  ASSERT_EQ(g.frames.size(), 1u);  // ancestor frames are not this stack
  EXPECT_EQ(g.creator.func, "main.parent");
  EXPECT_EQ(g.ancestors, (std::vector<uint64_t>{3, 1}));
}

TEST(ParserTest, StackUnavailable) {
  Collector c;
  Parse(
      "goroutine 12 [running]:\n"
      "\tgoroutine running on other thread; stack unavailable\n"
      "created by main.main\n\t/a.go:3 +0x1\n\n",
      &c);
  ASSERT_EQ(c.goroutines.size(), 1u);
  EXPECT_TRUE(c.goroutines[0].unavailable);
  EXPECT_TRUE(c.goroutines[0].frames.empty());
  EXPECT_TRUE(c.goroutines[0].has_creator);
  EXPECT_TRUE(c.bad.count() == 0u);
}

TEST(ParserTest, CrashPreambleAndRegistersAreSkipped) {
  Collector c;
  DumpInfo info = Parse(
      "panic: boom [recovered]\n"
      "\tpanic: boom\n"
      "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 "
      "pc=0x45]\n"
      "\n"
      "goroutine 4 [running]:\n"
      "main.f()\n\t/a.go:3 +0x1 fp=0xc0000 sp=0xc0001 pc=0x4\n"
      "\n"
      "goroutine 5 [sleep]:\n"
      "time.Sleep(0x1)\n\t/r/time.go:195 +0x1\n"
      "\n"
      "runtime stack:\n"
      "runtime.throw({0x1, 0x2})\n\t/r/panic.go:1 +0x1\n"
      "\n"
      "rax    0xca\n"
      "rflags 0x286\n"
      "exit status 2\n",
      &c);
  ASSERT_EQ(c.goroutines.size(), 2u);
  EXPECT_TRUE(c.bad.count() == 0u) << c.bad.first();
  // Nested panics are kept in full, the signal line apart.
  EXPECT_EQ(info.panic_message, "panic: boom [recovered]\n\tpanic: boom");
  EXPECT_EQ(info.signal,
            "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 "
            "pc=0x45]");
  EXPECT_TRUE(c.goroutines[0].crashed);
  EXPECT_FALSE(c.goroutines[1].crashed);
  EXPECT_EQ(c.goroutines[0].frames[0].line, 3u);
}

TEST(ParserTest, FatalErrorDeadlockIsNotACrashedGoroutine) {
  Collector c;
  DumpInfo info = Parse(
      "fatal error: all goroutines are asleep - deadlock!\n"
      "\n"
      "goroutine 1 [chan receive]:\n"
      "main.main()\n\t/tmp/x.go:5 +0x1d\n"
      "exit status 2\n",
      &c);
  ASSERT_EQ(c.goroutines.size(), 1u);
  EXPECT_TRUE(c.bad.count() == 0u);
  EXPECT_EQ(info.panic_message,
            "fatal error: all goroutines are asleep - deadlock!");
  EXPECT_FALSE(c.goroutines[0].crashed);
  EXPECT_EQ(c.goroutines[0].state, "chan receive");
}

TEST(ParserTest, AggregatedDebug1Records) {
  Collector c;
  DumpInfo info = Parse(
      "goroutine profile: total 4004\n"
      "4000 @ 0x43b256 0x40708c 0x6a7454 0x46b941\n"
      "# labels: {\"handler\":\"checkout\"}\n"
      "#\t0x6a7453\tmain.FilterService.func1+0x173\t/p/pipeline.go:66\n"
      "\n"
      "4 @ 0x43b256 0x44b0fc\n"
      "#\t0x6a7c87\tmain.worker+0xc7\t\t/p/pipeline.go:127\n"
      "#\t0x46b940\truntime.goexit+0x1\t/r/asm_amd64.s:1594\n",
      &c);
  ASSERT_EQ(c.goroutines.size(), 2u);
  EXPECT_TRUE(c.bad.count() == 0u);
  EXPECT_EQ(info.declared_total, 4004);
  EXPECT_EQ(info.goroutines, 4004u);
  const auto& g = c.goroutines[0];
  EXPECT_EQ(g.form, DumpForm::kAggregated);
  EXPECT_EQ(g.count, 4000u);
  EXPECT_EQ(g.state, "");
  EXPECT_EQ(g.labels, "{\"handler\":\"checkout\"}");
  ASSERT_EQ(g.frames.size(), 1u);
  EXPECT_EQ(g.frames[0].func, "main.FilterService.func1");
  EXPECT_EQ(g.frames[0].file, "/p/pipeline.go");
  EXPECT_EQ(g.frames[0].line, 66u);
  EXPECT_EQ(c.goroutines[1].frames.size(), 2u);
}

TEST(ParserTest, DumpCutMidLineKeepsEverythingBefore) {
  Collector c;
  DumpInfo info = Parse(
      "goroutine 1 [chan send]:\nmain.a()\n\t/a.go:1 +0x1\n\n"
      "goroutine 2 [chan send]:\nmain.a()\n\t/a.go:1 +0x1\n\n"
      "goroutine 3 [chan send]:\nmain.b()\n\t/a.go:2 +0x1\nmain.c(0x1, 0x",
      &c);
  ASSERT_EQ(c.goroutines.size(), 3u);
  EXPECT_TRUE(c.bad.count() == 0u);  // the cut line is reported as the cut
  EXPECT_TRUE(info.truncated);
  EXPECT_EQ(info.truncated_line, 12u);
  EXPECT_TRUE(c.goroutines[2].truncated);
  ASSERT_EQ(c.goroutines[2].frames.size(), 1u);
  EXPECT_EQ(c.goroutines[2].frames[0].func, "main.b");
  EXPECT_FALSE(c.goroutines[0].truncated);
}

TEST(ParserTest, CutBetweenFunctionAndFileLine) {
  Collector c;
  DumpInfo info = Parse(
      "goroutine 1 [chan send]:\nmain.a()\n\t/a.go:1 +0x1\nmain.b()\n", &c);
  ASSERT_EQ(c.goroutines.size(), 1u);
  EXPECT_TRUE(info.truncated);
  EXPECT_EQ(c.goroutines[0].frames.size(), 1u);
}

TEST(ParserTest, MissingFinalNewlineIsNotATruncation) {
  Collector c;
  DumpInfo info =
      Parse("goroutine 1 [chan send]:\nmain.a()\n\t/a.go:1 +0x1", &c);
  ASSERT_EQ(c.goroutines.size(), 1u);
  EXPECT_FALSE(info.truncated);
  EXPECT_EQ(c.goroutines[0].frames[0].line, 1u);
}

TEST(ParserTest, GarbageIsSkippedAndCounted) {
  Collector c;
  DumpInfo info = Parse(
      "hello, this is not a dump\n"
      "\x01\x02\x03 binary\n"
      "goroutine 1 [chan send]:\n"
      "main.a()\n\t/a.go:1 +0x1\n"
      "this line is garbage inside a goroutine\n"
      "main.b()\n\t/a.go:2 +0x1\n"
      "\n",
      &c);
  ASSERT_EQ(c.goroutines.size(), 1u);
  EXPECT_EQ(c.goroutines[0].frames.size(), 2u);
  ASSERT_EQ(c.bad.count(), 3u);
  EXPECT_EQ(c.bad.first_line(), 1u);
  EXPECT_EQ(c.bad.first_reason(), "not part of a goroutine dump");
  EXPECT_EQ(info.goroutines, 1u);
}

TEST(ParserTest, StrictStopsAtTheFirstBadLine) {
  // The garbage is on line 6, inside goroutine 1: a strict parse reads no
  // further, so neither goroutine 1 nor goroutine 2 is handed out.
  Collector c;
  c.bad = io::BadLineSink(/*strict=*/true);
  DumpInfo info = Parse(
      "goroutine 1 [chan send]:\n"
      "main.a()\n\t/a.go:1 +0x1\n"
      "created by main.main\n\t/a.go:9 +0x1\n"
      "this line is garbage inside a goroutine\n"
      "main.b()\n\t/a.go:2 +0x1\n"
      "\n"
      "goroutine 2 [select]:\nmain.c()\n\t/a.go:3 +0x1\n",
      &c);
  EXPECT_TRUE(c.bad.stopped());
  EXPECT_EQ(c.bad.count(), 1u);
  EXPECT_EQ(c.bad.first_line(), 6u);
  EXPECT_EQ(c.bad.first_reason(), "not a stack frame");
  EXPECT_TRUE(c.goroutines.empty());
  EXPECT_EQ(info.lines, 6u);
  EXPECT_EQ(info.goroutines, 0u);
}

TEST(ParserTest, OneMebibyteLine) {
  std::string big = "goroutine 1 [chan send]:\nmain.a(";
  big.append(1 << 20, 'x');
  big += ")\n\t/a.go:1 +0x1\n\n" + std::string(1 << 20, 'y') +
         "\ngoroutine 2 [chan send]:\nmain.a()\n\t/a.go:1 +0x1\n\n";
  Collector c;
  Parse(big, &c);
  ASSERT_EQ(c.goroutines.size(), 2u);
  EXPECT_EQ(c.goroutines[0].frames[0].args.size(), size_t{1} << 20);
  EXPECT_EQ(c.bad.count(), 1u);
}

TEST(ParserTest, TenThousandFrames) {
  std::string deep = "goroutine 1 [chan send]:\n";
  for (int i = 0; i < 10000; ++i) {
    deep += "main.rec(0x" + std::to_string(i) +
            ")\n\t/a.go:" + std::to_string(i + 1) + " +0x1\n";
  }
  deep += "created by main.main\n\t/a.go:1 +0x1\n\n";
  Collector c;
  Parse(deep, &c);
  ASSERT_EQ(c.goroutines.size(), 1u);
  ASSERT_EQ(c.goroutines[0].frames.size(), 10000u);
  EXPECT_EQ(c.goroutines[0].frames[9999].line, 10000u);
}

TEST(ParserTest, HeaderWithoutBlankLineStartsANewGoroutine) {
  Collector c;
  Parse(
      "goroutine 1 [sleep]:\nmain.a()\n\t/a.go:1 +0x1\n"
      "goroutine 2 [sleep]:\nmain.b()\n\t/a.go:2 +0x1\n",
      &c);
  ASSERT_EQ(c.goroutines.size(), 2u);
  EXPECT_EQ(c.goroutines[1].frames[0].func, "main.b");
}

// Issue 17, dump edges: numbers past 2^64-1 saturate, never wrap; the
// goroutine, its frames and its line are kept.
TEST(EdgeTest, MinutesPastTwoToTheSixtyFourSaturate) {
  Goroutine g;
  for (const char* n :
       {"2147483648", "9223372036854775808", "18446744073709551615",
        "18446744073709551616", "99999999999999999999999999"}) {
    const std::string header =
        std::string("goroutine 5 [chan send, ") + n + " minutes]:";
    ASSERT_TRUE(ParseGoroutineHeader(header, &g)) << n;
    EXPECT_EQ(g.wait_minutes, 0x7fffffff) << n;
    EXPECT_EQ(g.state, "chan send") << n;
  }
}

TEST(EdgeTest, ExtremeGoroutineIdsAreKeptWithTheirFrames) {
  Collector c;
  DumpInfo info = Parse(
      "goroutine 18446744073709551615 [select]:\n"
      "main.loop()\n"
      "\t/src/main.go:10 +0x1\n"
      "\n"
      "goroutine 99999999999999999999999 [chan receive]:\n"
      "main.other()\n"
      "\t/src/main.go:20 +0x1\n",
      &c);
  EXPECT_EQ(c.bad.count(), 0u);
  ASSERT_EQ(c.goroutines.size(), 2u);
  EXPECT_EQ(c.goroutines[0].id, 18446744073709551615u);
  ASSERT_EQ(c.goroutines[0].frames.size(), 1u);
  EXPECT_EQ(c.goroutines[0].frames[0].func, "main.loop");
  EXPECT_EQ(c.goroutines[1].id, 18446744073709551615u);  // saturated
  EXPECT_EQ(c.goroutines[1].frames.size(), 1u);
  EXPECT_EQ(info.goroutines, 2u);
}

TEST(EdgeTest, HugeLineNumbersKeepTheFrame) {
  Collector c;
  Parse(
      "goroutine 7 [select]:\n"
      "main.loop()\n"
      "\t/src/main.go:99999999999999999999999 +0x1\n"
      "main.caller()\n"
      "\t/src/main.go:4294967296\n"
      "created by main.main\n"
      "\t/src/main.go:18446744073709551616 +0x2\n",
      &c);
  EXPECT_EQ(c.bad.count(), 0u);
  ASSERT_EQ(c.goroutines.size(), 1u);
  ASSERT_EQ(c.goroutines[0].frames.size(), 2u);
  EXPECT_EQ(c.goroutines[0].frames[0].line, 0xffffffffu);
  EXPECT_EQ(c.goroutines[0].frames[1].line, 0xffffffffu);
  EXPECT_EQ(c.goroutines[0].creator.line, 0xffffffffu);
}

TEST(EdgeTest, ASecondDumpInOneInputIsNoticed) {
  const char* dump =
      "goroutine 1 [select (no cases)]:\n"
      "main.main()\n"
      "\t/src/main.go:10 +0x1\n"
      "\n"
      "goroutine 6 [chan send]:\n"
      "main.worker()\n"
      "\t/src/main.go:20 +0x1\n"
      "\n";
  Collector c;
  DumpInfo info = Parse(std::string(dump) + dump, &c);
  EXPECT_EQ(c.goroutines.size(), 4u);
  EXPECT_EQ(info.dumps, 2u);
  EXPECT_EQ(info.second_dump_line, 9u);  // goroutine 1 again
  // debug=1: a second profile header after records.
  Collector d;
  info = Parse(
      "goroutine profile: total 3\n3 @ 0x1 0x2\n#\t0x1\tmain.f+0x1\t/a.go:1\n"
      "\ngoroutine profile: total 3\n3 @ 0x1 0x2\n"
      "#\t0x1\tmain.f+0x1\t/a.go:1\n",
      &d);
  EXPECT_EQ(info.dumps, 2u);
  EXPECT_EQ(info.second_dump_line, 5u);
  EXPECT_EQ(info.goroutines, 6u);
  EXPECT_EQ(info.declared_total, 6);  // the totals add up too
  // One dump: nothing said.
  Collector e;
  info = Parse(dump, &e);
  EXPECT_EQ(info.dumps, 1u);
  EXPECT_EQ(info.second_dump_line, 0u);
}

TEST(EdgeTest, ElidedFrameCountsSaturate) {
  Collector c;
  Parse(
      "goroutine 7 [select]:\n"
      "main.loop()\n"
      "\t/src/main.go:10 +0x1\n"
      "...4294967295 frames elided...\n"
      "...99999999999999999999 frames elided...\n"
      "main.main()\n"
      "\t/src/main.go:20 +0x1\n",
      &c);
  ASSERT_EQ(c.goroutines.size(), 1u);
  EXPECT_EQ(c.goroutines[0].elided_frames, 0xffffffffu);
  EXPECT_EQ(c.goroutines[0].frames.size(), 2u);
}

}  // namespace
}  // namespace goroutine

namespace goroutine {
namespace {

using goroutine_test::Collector;
using goroutine_test::Parse;

TEST(ParserTest, ThreadcreateDebug1Text) {
  Collector c;
  DumpInfo info = Parse(
      "threadcreate profile: total 3\n"
      "2 @\n#\t0x0\n\n"
      "1 @ 0x43b256 0x46b941\n"
      "#\t0x43b255\truntime.newm+0x35\t/usr/lib/go/src/runtime/proc.go:2100\n"
      "\n",
      &c);
  EXPECT_TRUE(c.bad.count() == 0u);
  EXPECT_EQ(info.declared_total, 3);
  ASSERT_EQ(c.goroutines.size(), 2u);
  EXPECT_EQ(c.goroutines[0].count, 2u);
  EXPECT_TRUE(c.goroutines[0].frames.empty());
  ASSERT_EQ(c.goroutines[1].frames.size(), 1u);
  EXPECT_EQ(c.goroutines[1].frames[0].func, "runtime.newm");
}

}  // namespace
}  // namespace goroutine
