#include "common/stack/symbol_table.h"

#include <gtest/gtest.h>

#include <string>

#include "common/stack/stack_counts.h"

namespace {

TEST(SymbolTableTest, InternsEqualNamesToOneId) {
  stack::SymbolTable t;
  uint32_t a = t.Intern("main");
  uint32_t b = t.Intern("runtime.goexit");
  EXPECT_NE(a, b);
  EXPECT_EQ(t.Intern(std::string("main")), a);
  EXPECT_EQ(t.Name(b), "runtime.goexit");
  EXPECT_EQ(t.Find("main"), a);
  EXPECT_EQ(t.Find("absent"), -1);
}

TEST(SymbolTableTest, SurvivesGrowthAndKeepsViewsValid) {
  stack::SymbolTable t;
  for (int i = 0; i < 100000; ++i)
    t.Intern(std::string("f").append(std::to_string(i)));
  EXPECT_EQ(t.size(), 100000u);
  EXPECT_EQ(t.Name(t.Intern("f77777")), "f77777");
  EXPECT_EQ(t.Intern("f0"), 0u);
  EXPECT_EQ(t.Intern(""), 100000u);
  EXPECT_EQ(t.Name(100000), "");
}

TEST(StackCountsTest, SumsEqualStacks) {
  stack::StackCounts c;
  std::vector<uint32_t> s1 = {1, 2, 3}, s2 = {1, 2}, s3 = {1, 2, 3};
  c.Add(s1, 5);
  c.Add(s2, 1);
  c.Add(s3, 7);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c.Count(0), 12);
  EXPECT_EQ(c.Frames(1).size(), 2u);
  EXPECT_EQ(c.Total(), 13);
}

}  // namespace
