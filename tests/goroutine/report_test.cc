// The text, JSON and folded writers and the base/now comparison, on the
// shared leaked-senders / long-wait dumps and a hand-written one.
#include <gtest/gtest.h>

#include "common/goroutine/folded.h"
#include "common/goroutine/json_report.h"
#include "common/goroutine/text_report.h"
#include "common/io/json_string.h"
#include "common/stack/folded_text.h"
#include "tests/goroutine/fixture_util.h"
#include "tests/testing/temp_path.h"

namespace goroutine {
namespace {

using goroutine_test::Exists;
using goroutine_test::Find;
using goroutine_test::GoData;
using goroutine_test::Load;

#define REQUIRE(path) \
  if (!Exists(path)) GTEST_SKIP() << path << " not found (SHARED_DIR)"

TEST(TextReportTest, SuspectsNamedInTheFirstLines) {
  std::string path = GoData("leaked-senders/goroutine.debug2.txt");
  REQUIRE(path);
  auto l = Load({path});
  std::string text = WriteTextReport(l->a, TextOptions{false, false});
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  ASSERT_GE(lines.size(), 6u);
  EXPECT_EQ(lines[0], "goroutine dump: 5019 goroutines in 14 clusters");
  EXPECT_EQ(lines[2], "LEAK SUSPECTS: 5000 goroutines in 2 clusters");
  EXPECT_EQ(lines[3],
            "4000 goroutines blocked in chan send at main.FilterService.func1 "
            "(pipeline.go:66), created by main.FilterService (pipeline.go:61)");
  EXPECT_EQ(lines[4],
            "    why: [pile-up] blocked sending on a channel: many "
            "request-scoped goroutines stuck at one line; goroutines "
            "167,10511,846,393,33 (and 3995 more)");
  EXPECT_EQ(lines[5],
            "    evidence: 4000 goroutines here, created by "
            "main.FilterService (request-scoped code)");
  EXPECT_EQ(lines[6],
            "1000 goroutines blocked in chan send at main.forward "
            "(pipeline.go:77), created by main.(*server).handleSearch "
            "(pipeline.go:115)");
  EXPECT_EQ(text.find("\x1b["), std::string::npos);  // no colour
  EXPECT_NE(text.find("8 goroutines blocked in select at main.worker "
                      "(pipeline.go:127), created by main.main "
                      "(pipeline.go:197): long-lived goroutine of main or "
                      "init"),
            std::string::npos);
}

TEST(TextReportTest, WaitTimeAndLockInversion) {
  std::string lw = GoData("long-wait/goroutine.debug2.txt");
  std::string dl = GoData("lock-order-deadlock/goroutine.debug2.txt");
  REQUIRE(lw);
  REQUIRE(dl);
  auto l = Load({lw});
  std::string text = WriteTextReport(l->a, TextOptions{});
  EXPECT_NE(text.find("400 goroutines blocked in chan send for 0-2 minutes "
                      "at main.FilterService.func1 (pipeline.go:66)"),
            std::string::npos);
  EXPECT_NE(text.find("100 goroutines blocked in chan send for 2 minutes at "
                      "main.forward (pipeline.go:77)"),
            std::string::npos);
  auto d = Load({dl});
  text = WriteTextReport(d->a, TextOptions{});
  EXPECT_NE(text.find("LOCKS: 7 goroutines waiting on 2 locks"),
            std::string::npos);
  EXPECT_NE(text.find("likely lock-order inversion: main.audit takes "
                      "0x92fdf0 (ledger.go:48) then waits for 0x92fde8 "
                      "(ledger.go:52); main.transfer takes 0x92fde8 "
                      "(ledger.go:36) then waits for 0x92fdf0 "
                      "(ledger.go:41)"),
            std::string::npos)
      << text;
}

TEST(JsonReportTest, FieldsAndEscaping) {
  std::string path = GoData("long-wait/goroutine.debug2.txt");
  REQUIRE(path);
  auto l = Load({path});
  std::string json = WriteJsonReport(l->a);
  EXPECT_EQ(json.rfind("{\"total\":519,", 0), 0u);
  EXPECT_NE(
      json.find("{\"count\":400,\"state\":\"chan send\",\"wait_minutes\":{"
                "\"min\":0,\"max\":2}"),
      std::string::npos);
  EXPECT_NE(json.find("\"frames\":[{\"func\":\"main.FilterService.func1\","
                      "\"file\":\"/go/src/gogen/pipeline/pipeline.go\","
                      "\"line\":66}]"),
            std::string::npos);
  EXPECT_NE(json.find("\"created_by\":{\"func\":\"main.FilterService\","
                      "\"file\":\"/go/src/gogen/pipeline/pipeline.go\","
                      "\"line\":61,\"parent_ids\":[]},\"suspect\":true,"
                      "\"verdict\":\"pile-up\",\"reason\":\"blocked "
                      "sending on a channel: many request-scoped goroutines "
                      "stuck at one line\",\"evidence\":\"400 goroutines "
                      "here, created by main.FilterService (request-scoped "
                      "code), waiting up to 2 minutes\""),
            std::string::npos);
  EXPECT_NE(json.find("\"locks\":["), std::string::npos);
  std::string s;
  io::AppendJsonString("a\"b\\c\n\x01</script>", &s);
  EXPECT_EQ(s, "\"a\\\"b\\\\c\\n\\u0001</script>\"");
}

// JSON must be UTF-8: valid sequences pass through, every byte of a broken
// one (truncated, overlong, surrogate, stray continuation) becomes U+FFFD.
// Found by the goroutine_dump fuzz target (a path with 0xa7 bytes).
TEST(JsonReportTest, InvalidUtf8BecomesReplacementCharacter) {
  std::string s;
  io::AppendJsonString("h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", &s);
  EXPECT_EQ(s, "\"h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
  s.clear();
  io::AppendJsonString("src\xa7\xa7/x\xc0\xaf\xed\xa0\x80\xe2\x82", &s);
  EXPECT_EQ(s,
            "\"src\\ufffd\\ufffd/x\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd"
            "\\ufffd\\ufffd\"");
}

TEST(FoldedReportTest, OneLinePerClusterWeightedByCount) {
  std::string path = GoData("nil-chan-select/goroutine.debug2.txt");
  REQUIRE(path);
  auto l = Load({path});
  stack::FoldedStacks folded;
  AddFoldedClusters(l->a, FoldedOptions(), &folded);
  std::string text = stack::FoldedToString(folded);
  EXPECT_NE(text.find("main.(*Stats).reporter;[chan send (nil chan)] 3\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\nmain.main;[select (no cases)] 1\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("main.keepAlive;[select (no cases)] 3\n"),
            std::string::npos);
}

TEST(CompareTest, BaseAndNowGrowthFirst) {
  std::string base = GoData("long-wait/goroutine.debug2.txt");
  std::string now = GoData("leaked-senders/goroutine.debug2.txt");
  REQUIRE(base);
  REQUIRE(now);
  auto l = Load({now}, base);
  const Analysis& a = l->a;
  ASSERT_TRUE(a.has_base);
  ASSERT_GE(a.entries.size(), 2u);
  // FilterService: 400 -> 4000 (+3600) ranks before forward 100 -> 1000.
  EXPECT_EQ(a.entries[0].change, Change::kGrew);
  EXPECT_EQ(a.entries[0].base_count, 400u);
  EXPECT_EQ(a.entries[0].cluster().count, 4000u);
  EXPECT_EQ(a.entries[1].change, Change::kGrew);
  EXPECT_EQ(a.entries[1].base_count, 100u);
  const ClusterEntry* w = Find(a, "select", "main.worker", 127);
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->change, Change::kSame);
  std::string text = WriteTextReport(a, TextOptions{false, false});
  EXPECT_NE(text.find("[grew +3600 from 400] 4000 goroutines blocked in chan "
                      "send at main.FilterService.func1"),
            std::string::npos);
  std::string json = WriteJsonReport(a);
  EXPECT_NE(json.find("\"change\":\"grew\",\"base_count\":400"),
            std::string::npos);
  // Reversed, the leak clusters shrank.
  auto r = Load({base}, now);
  const ClusterEntry* f =
      Find(r->a, "chan send", "main.FilterService.func1", 66);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->change, Change::kShrank);
}

// A dump is untrusted text: escape sequences in names (retitle or clear
// the terminal, hide text) must not reach the terminal through the text
// report, while the report's own colours still do. Found while building
// the hostile-input table.
TEST(TextReportTest, ControlBytesFromTheDumpAreNeutralised) {
  std::string path = testing_util::UniqueTempPath("ansi.txt");
  FILE* f = fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  fputs(
      "goroutine 1 [chan send (nil chan)]:\n"
      "main.evil\x1b]0;pwned\x07\x1b[2J()\n"
      "\t/src/a\x1b[8m.go:10 +0x1\ncreated by main.main\n"
      "\t/src/a.go:5 +0x2\n",
      f);
  fclose(f);
  auto l = Load({path});
  TextOptions plain;
  std::string text = WriteTextReport(l->a, plain);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find('\x07'), std::string::npos);
  EXPECT_NE(text.find("at main.evil?]0;pwned??[2J (a?[8m.go:10)"),
            std::string::npos)
      << text;
  TextOptions colored;
  colored.color = true;
  text = WriteTextReport(l->a, colored);
  EXPECT_NE(text.find("\x1b[1;31mLEAK SUSPECTS"), std::string::npos) << text;
  EXPECT_EQ(text.find("\x1b]"), std::string::npos);
  EXPECT_EQ(text.find("\x1b[2J"), std::string::npos);
  EXPECT_EQ(text.find("\x1b[8m"), std::string::npos);
}

TEST(LeakRulesTest, RuntimeDeadlockMakesBlockedGoroutinesSuspects) {
  std::string path = testing_util::UniqueTempPath("deadlock.txt");
  FILE* f = fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  fputs(
      "fatal error: all goroutines are asleep - deadlock!\n\n"
      "goroutine 1 [chan receive]:\nmain.main()\n\t/tmp/x.go:5 +0x1d\n\n"
      "goroutine 6 [select]:\nmain.loop()\n\t/tmp/x.go:9 +0x1d\n"
      "created by main.main\n\t/tmp/x.go:4 +0x1d\n\n"
      "goroutine 7 [sleep]:\ntime.Sleep(0x1)\n\t/r/time.go:195 +0x1\n"
      "main.nap()\n\t/tmp/x.go:12 +0x1d\n"
      "created by main.main\n\t/tmp/x.go:3 +0x1d\n",
      f);
  fclose(f);
  auto l = Load({path});
  EXPECT_EQ(l->a.suspect_clusters, 2u);
  const ClusterEntry* m = Find(l->a, "chan receive", "main.main", 5);
  ASSERT_NE(m, nullptr);
  EXPECT_TRUE(m->suspect);
  EXPECT_EQ(m->reason,
            "deadlock reported by the Go runtime (all goroutines are asleep)");
  const ClusterEntry* s = Find(l->a, "sleep", "main.nap", 12);
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(s->suspect);
}

TEST(FilterTest, RegexMinCountAndBadRegex) {
  std::string path = GoData("leaked-senders/goroutine.debug2.txt");
  REQUIRE(path);
  AnalysisOptions o;
  o.filter = "forward";
  auto l = Load({path}, "", o);
  ASSERT_EQ(l->a.entries.size(), 1u);
  EXPECT_EQ(l->a.entries[0].cluster().count, 1000u);
  o.filter = "";
  o.min_count = 8;
  auto m = Load({path}, "", o);
  EXPECT_EQ(m->a.entries.size(), 3u);
  o.filter = "(";
  auto bad = Load({path}, "", o);
  EXPECT_NE(bad->error.find("bad --filter"), std::string::npos);
}

}  // namespace
}  // namespace goroutine
