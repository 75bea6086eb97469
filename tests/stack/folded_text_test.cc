#include "common/stack/folded_text.h"

#include <gtest/gtest.h>

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

TEST(FoldedTextTest, WritesSortedInByteOrder) {
  stack::FoldedStacks f;
  std::vector<uint32_t> scratch;
  ASSERT_TRUE(stack::AddFoldedLine("b;x 1", &f, &scratch));
  ASSERT_TRUE(stack::AddFoldedLine("a;y 2", &f, &scratch));
  ASSERT_TRUE(stack::AddFoldedLine("B 4", &f, &scratch));
  ASSERT_TRUE(stack::AddFoldedLine("a;y 3", &f, &scratch));
  ASSERT_TRUE(stack::AddFoldedLine("\xc3\xa9 1", &f, &scratch));
  EXPECT_FALSE(stack::AddFoldedLine("a;y 1.5", &f, &scratch));
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

}  // namespace
