#include "common/watch/rule_engine.h"

#include <gtest/gtest.h>

#include <vector>

namespace watch {
namespace {

RuleEngine Engine(std::vector<std::string> texts, int window, double cooldown) {
  std::vector<Rule> rules;
  for (const std::string& t : texts) {
    Rule r;
    EXPECT_EQ(ParseRule(t, &r), "");
    rules.push_back(r);
  }
  return RuleEngine(rules, EngineOptions{window, cooldown});
}

TEST(RuleEngine, NoFireDuringWarmUp) {
  RuleEngine e = Engine({"goroutines:abs=100"}, 3, 0);
  // Over abs from the start, but only the 4th sample has 3 before it.
  EXPECT_FALSE(e.Observe(0, Metric::kGoroutines, 500));
  EXPECT_FALSE(e.Observe(1, Metric::kGoroutines, 500));
  EXPECT_FALSE(e.Observe(2, Metric::kGoroutines, 500));
  auto f = e.Observe(3, Metric::kGoroutines, 500);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->average, 500);
  EXPECT_EQ(f->window, 3);
  EXPECT_EQ(f->by, FiredBy::kAbs);
}

TEST(RuleEngine, DiffAgainstMovingAverageOfPreviousSamples) {
  RuleEngine e = Engine({"goroutines:diff=50%"}, 4, 0);
  for (int i = 0; i < 4; ++i) e.Observe(i, Metric::kGoroutines, 100 + i * 10);
  // avg of 100,110,120,130 = 115; 1.5 * 115 = 172.5
  EXPECT_FALSE(e.Observe(4, Metric::kGoroutines, 172));
  // now the window is 110,120,130,172 = 133; 1.5 * 133 = 199.5
  auto f = e.Observe(5, Metric::kGoroutines, 200);
  ASSERT_TRUE(f);
  EXPECT_DOUBLE_EQ(f->average, 133);
  EXPECT_EQ(f->by, FiredBy::kDiff);
  EXPECT_EQ(f->seconds, 5);
  EXPECT_EQ(f->value, 200);
}

TEST(RuleEngine, MinGuardsSmallValues) {
  RuleEngine e = Engine({"goroutines:min=100,diff=50%"}, 2, 0);
  e.Observe(0, Metric::kGoroutines, 10);
  e.Observe(1, Metric::kGoroutines, 10);
  EXPECT_FALSE(e.Observe(2, Metric::kGoroutines, 90));  // +800% but < min
  EXPECT_TRUE(e.Observe(3, Metric::kGoroutines, 100));  // avg 50, >= min
}

TEST(RuleEngine, AbsAloneIgnoresTheAverage) {
  RuleEngine e = Engine({"rss:abs=1GiB"}, 1, 0);
  e.Observe(0, Metric::kRss, 2e9);
  EXPECT_TRUE(e.Observe(1, Metric::kRss, 1073741824.0));
  EXPECT_FALSE(e.Observe(2, Metric::kRss, 1073741823.0));
}

TEST(RuleEngine, CooldownPerMetric) {
  RuleEngine e = Engine({"goroutines:abs=100", "threads:abs=10"}, 1, 60);
  e.Observe(0, Metric::kGoroutines, 1);
  e.Observe(0, Metric::kThreads, 1);
  EXPECT_TRUE(e.Observe(5, Metric::kGoroutines, 200));
  // goroutines is cooling down; threads is not.
  EXPECT_FALSE(e.Observe(10, Metric::kGoroutines, 300));
  EXPECT_TRUE(e.Observe(10, Metric::kThreads, 50));
  EXPECT_FALSE(e.Observe(64.9, Metric::kGoroutines, 300));
  EXPECT_TRUE(e.Observe(65, Metric::kGoroutines, 300));  // 5 + 60
  EXPECT_FALSE(e.Observe(66, Metric::kThreads, 50));     // until 70
  EXPECT_TRUE(e.Observe(70, Metric::kThreads, 50));
}

TEST(RuleEngine, SeveralMetricsKeepTheirOwnHistory) {
  RuleEngine e = Engine({"goroutines:diff=100%", "cpu:diff=100%"}, 2, 0);
  e.Observe(0, Metric::kGoroutines, 100);
  e.Observe(0, Metric::kCpu, 10);
  e.Observe(1, Metric::kGoroutines, 100);
  e.Observe(1, Metric::kCpu, 10);
  auto g = e.Observe(2, Metric::kGoroutines, 150);
  auto c = e.Observe(2, Metric::kCpu, 25);
  EXPECT_FALSE(g);  // 150 < 200
  ASSERT_TRUE(c);   // 25 >= 20
  EXPECT_EQ(c->metric, Metric::kCpu);
  EXPECT_EQ(c->average, 10);
}

TEST(RuleEngine, MetricWithoutRuleNeverFires) {
  RuleEngine e = Engine({"goroutines:abs=1"}, 1, 0);
  e.Observe(0, Metric::kHeap, 1);
  EXPECT_FALSE(e.Observe(1, Metric::kHeap, 1e12));
  EXPECT_FALSE(e.HasRule(Metric::kHeap));
  EXPECT_TRUE(e.HasRule(Metric::kGoroutines));
}

TEST(RuleEngine, ResetStartsWarmUpAgain) {
  RuleEngine e = Engine({"goroutines:abs=100"}, 2, 1000);
  e.Observe(0, Metric::kGoroutines, 1);
  e.Observe(1, Metric::kGoroutines, 1);
  EXPECT_TRUE(e.Observe(2, Metric::kGoroutines, 200));
  e.Reset();  // a restarted target: no cooldown, but a new warm-up
  EXPECT_FALSE(e.Observe(3, Metric::kGoroutines, 200));
  EXPECT_FALSE(e.Observe(4, Metric::kGoroutines, 200));
  EXPECT_TRUE(e.Observe(5, Metric::kGoroutines, 200));
}

}  // namespace
}  // namespace watch
