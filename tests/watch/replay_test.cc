#include "common/watch/replay.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "common/io/line_reader.h"

namespace watch {
namespace {

// Runs `text` through a Replayer; returns stdout, the refused lines in *bad.
std::string ReplayText(const std::string& text,
                       const std::vector<std::string>& rules, int window,
                       double cooldown, io::BadLineSink* bad) {
  std::vector<Rule> parsed;
  for (const std::string& t : rules) {
    Rule r;
    EXPECT_EQ(ParseRule(t, &r), "");
    parsed.push_back(r);
  }
  RuleEngine engine(parsed, EngineOptions{window, cooldown});
  Replayer replayer(&engine);
  std::FILE* tmp = std::tmpfile();
  {
    io::OutputBuffer out(fileno(tmp));
    io::LineSplitter lines(text);
    std::string_view line;
    uint64_t n = 0;
    while (lines.Next(&line)) {
      ++n;
      if (const char* why = replayer.Line(line, &out)) bad->Report(n, why);
    }
  }
  std::rewind(tmp);
  std::string result;
  char buf[4096];
  size_t got;
  while ((got = std::fread(buf, 1, sizeof buf, tmp)) > 0)
    result.append(buf, got);
  std::fclose(tmp);
  return result;
}

TEST(Replay, FireLineCarriesTheEvidence) {
  io::BadLineSink bad;
  const std::string out = ReplayText(
      "# comment\n0 rss 100MiB\n5 rss 100MiB\n\n10 rss 300MiB # spike\n",
      {"rss:diff=100%"}, 2, 300, &bad);
  EXPECT_EQ(out,
            "fire 10 rss 300MiB avg=100.0MiB window=2 rule=rss:diff=100% "
            "by=diff\n");
  EXPECT_EQ(bad.count(), 0u);
}

TEST(Replay, BadLinesAreSkippedAndCounted) {
  io::BadLineSink bad;
  const std::string out = ReplayText(
      "0 goroutines 10\nx goroutines 10\n1 fds 3\n2 goroutines lots\n"
      "3 goroutines\n4 goroutines 1 2\n1 goroutines 5\n5 goroutines 50\n",
      {"goroutines:abs=20"}, 1, 0, &bad);
  EXPECT_EQ(out,
            "fire 5 goroutines 50 avg=5 window=1 rule=goroutines:abs=20 "
            "by=abs\n");
  EXPECT_EQ(bad.count(), 5u);
  EXPECT_EQ(bad.first_line(), 2u);
  EXPECT_EQ(bad.first_reason(), "SECONDS is not a number");
}

TEST(Replay, ReasonsForEachKindOfBadLine) {
  RuleEngine engine({}, EngineOptions{});
  Replayer r(&engine);
  io::OutputBuffer out(-1);
  EXPECT_STREQ(r.Line("1 fds 3", &out), "unknown METRIC");
  EXPECT_STREQ(r.Line("1 rss 3X", &out), "VALUE is not a value of its metric");
  EXPECT_STREQ(r.Line("1 rss", &out), "expected SECONDS METRIC VALUE");
  EXPECT_STREQ(r.Line("1 rss 1 2", &out), "more than SECONDS METRIC VALUE");
  EXPECT_EQ(r.Line("5 rss 1", &out), nullptr);
  EXPECT_STREQ(r.Line("4 rss 1", &out), "SECONDS goes backwards");
  EXPECT_EQ(r.Line("   # only a comment", &out), nullptr);
  EXPECT_EQ(r.fires(), 0u);
}

}  // namespace
}  // namespace watch
