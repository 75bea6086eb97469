#include "common/stack/folded_text.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

namespace {

TEST(FoldedTextTest, SplitsSingleAndDoubleCounts) {
  stack::FoldedLine l;
  ASSERT_TRUE(stack::SplitFoldedLine("a;b c;d 12", &l));
  EXPECT_EQ(l.stack, "a;b c;d");
  EXPECT_EQ(l.num_counts, 1);
  EXPECT_EQ(l.counts[0], "12");
  ASSERT_TRUE(stack::SplitFoldedLine("a;b 3 4.5", &l));
  EXPECT_EQ(l.stack, "a;b");
  EXPECT_EQ(l.num_counts, 2);
  EXPECT_EQ(l.counts[1], "4.5");
  ASSERT_TRUE(stack::SplitFoldedLine("x -7", &l));
  EXPECT_EQ(l.counts[0], "-7");
  EXPECT_FALSE(stack::SplitFoldedLine("no count here", &l));
  EXPECT_FALSE(stack::SplitFoldedLine("12", &l));
}

TEST(FoldedTextTest, ParsesSignedAndDecimalCounts) {
  double v = 0;
  EXPECT_TRUE(stack::ParseCount("12", &v));
  EXPECT_EQ(v, 12);
  EXPECT_TRUE(stack::ParseCount("+4", &v));
  EXPECT_EQ(v, 4);
  EXPECT_TRUE(stack::ParseCount("-3", &v));
  EXPECT_EQ(v, -3);
  EXPECT_TRUE(stack::ParseCount("0.25", &v));
  EXPECT_EQ(v, 0.25);
  EXPECT_TRUE(stack::ParseCount("99999999999999999999", &v));
  EXPECT_EQ(v, 1e20);
  v = 7;
  for (const char* bad : {"", "+", "x", "1.2.3", "1e5", "inf", "nan", "++1"}) {
    EXPECT_FALSE(stack::ParseCount(bad, &v)) << bad;
  }
  EXPECT_FALSE(stack::ParseCount(std::string(400, '9') + ".5", &v));
  EXPECT_EQ(v, 7);
}

TEST(FoldedTextTest, WritesSortedInByteOrder) {
  stack::FoldedStacks f;
  std::vector<uint32_t> scratch;
  ASSERT_EQ(stack::AddFoldedLine("b;x 1", &f, &scratch), nullptr);
  ASSERT_EQ(stack::AddFoldedLine("a;y 2", &f, &scratch), nullptr);
  ASSERT_EQ(stack::AddFoldedLine("B 4", &f, &scratch), nullptr);
  ASSERT_EQ(stack::AddFoldedLine("a;y 3", &f, &scratch), nullptr);
  ASSERT_EQ(stack::AddFoldedLine("\xc3\xa9 1", &f, &scratch), nullptr);
  EXPECT_NE(stack::AddFoldedLine("a;y 1.5", &f, &scratch), nullptr);
  EXPECT_EQ(stack::FoldedToString(f), "B 4\na;y 5\nb;x 1\n\xc3\xa9 1\n");
}

TEST(FoldedTextTest, MergeReinternsNames) {
  stack::FoldedStacks a, b;
  std::vector<uint32_t> s;
  stack::AddFoldedLine("m;f 1", &a, &s);
  stack::AddFoldedLine("z 1", &b, &s);
  stack::AddFoldedLine("m;f 2", &b, &s);
  a.Merge(b);
  EXPECT_EQ(stack::FoldedToString(a), "m;f 3\nz 1\n");
}

// The plain definition SplitFoldedLine must keep to: the last token is the
// count; the one before it is a second count when it is a number too.
bool ReferenceSplit(std::string_view line, stack::FoldedLine* out) {
  auto is_number = [](std::string_view s) {
    size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    bool digit = false, dot = false;
    for (; i < s.size(); ++i) {
      if (s[i] >= '0' && s[i] <= '9') {
        digit = true;
      } else if (s[i] == '.' && !dot) {
        dot = true;
      } else {
        return false;
      }
    }
    return digit;
  };
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  size_t sp = line.rfind(' ');
  if (sp == std::string_view::npos || sp == 0) return false;
  if (!is_number(line.substr(sp + 1))) return false;
  std::string_view rest = line.substr(0, sp);
  size_t sp2 = rest.rfind(' ');
  if (sp2 != std::string_view::npos && sp2 > 0 &&
      is_number(rest.substr(sp2 + 1))) {
    *out = {
        rest.substr(0, sp2), {rest.substr(sp2 + 1), line.substr(sp + 1)}, 2};
  } else {
    *out = {rest, {line.substr(sp + 1), {}}, 1};
  }
  return true;
}

TEST(FoldedTextTest, SplitAgreesWithItsPlainDefinition) {
  std::vector<std::string> lines = {"a;b 5",
                                    "a;b 5 7",
                                    "a b c 5",
                                    "a 5 b 7",
                                    "a  5",
                                    "a 5  ",
                                    "a\t5",
                                    "a 5\t",
                                    " 5",
                                    "5",
                                    "",
                                    " ",
                                    "a -5",
                                    "a +5 -7",
                                    "a 1.5 2.",
                                    "a . 5",
                                    "a 5.5.5",
                                    "a 1-2 3",
                                    "a ;1 2",
                                    "a;b;c 0 0",
                                    "1 2",
                                    " 1 2",
                                    "a  1 2",
                                    "x 12 34 56",
                                    "x 1e5",
                                    "a;b- 3",
                                    "a;- 3",
                                    "a;b -",
                                    "- 3 4",
                                    "main.(*T).M 2004008",
                                    "a;b 99999999999999999999"};
  std::ifstream in(std::string(SHARED_DIR) +
                   "/testdata/perf/go/go.folded-default.txt");
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  for (const std::string& line : lines) {
    stack::FoldedLine a, b;
    const bool ok_a = stack::SplitFoldedLine(line, &a);
    const bool ok_b = ReferenceSplit(line, &b);
    ASSERT_EQ(ok_a, ok_b) << "[" << line << "]";
    if (!ok_a) continue;
    EXPECT_EQ(a.stack, b.stack) << line;
    EXPECT_EQ(a.num_counts, b.num_counts) << line;
    for (int i = 0; i < a.num_counts; ++i) {
      EXPECT_EQ(a.counts[i], b.counts[i]) << line;
    }
  }
}

}  // namespace
