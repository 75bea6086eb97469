#include "common/watch/rule.h"

#include <gtest/gtest.h>

#include "common/watch/config.h"
#include "common/watch/duration.h"
#include "common/watch/metric.h"

namespace watch {
namespace {

TEST(MetricValue, UnitsPerMetric) {
  double v = 0;
  EXPECT_TRUE(ParseValue(Metric::kGoroutines, "1500", &v));
  EXPECT_EQ(v, 1500);
  EXPECT_FALSE(ParseValue(Metric::kGoroutines, "15MiB", &v));
  EXPECT_FALSE(ParseValue(Metric::kGoroutines, "-3", &v));
  EXPECT_TRUE(ParseValue(Metric::kCpu, "80%", &v));
  EXPECT_EQ(v, 80);
  EXPECT_TRUE(ParseValue(Metric::kCpu, "12.5", &v));
  EXPECT_EQ(v, 12.5);
  EXPECT_TRUE(ParseValue(Metric::kRss, "512MiB", &v));
  EXPECT_EQ(v, 512.0 * 1024 * 1024);
  EXPECT_TRUE(ParseValue(Metric::kHeap, "2G", &v));
  EXPECT_EQ(v, 2.0 * 1024 * 1024 * 1024);
  EXPECT_TRUE(ParseValue(Metric::kRss, "1.5kB", &v));
  EXPECT_EQ(v, 1500);
  EXPECT_TRUE(ParseValue(Metric::kRss, "4096", &v));
  EXPECT_EQ(v, 4096);
  EXPECT_FALSE(ParseValue(Metric::kRss, "512QB", &v));
  EXPECT_FALSE(ParseValue(Metric::kRss, "MiB", &v));
}

TEST(MetricValue, Formats) {
  EXPECT_EQ(FormatValue(Metric::kGoroutines, 1500), "1500");
  EXPECT_EQ(FormatValue(Metric::kGoroutines, 198.75), "198.8");
  EXPECT_EQ(FormatValue(Metric::kCpu, 85.25), "85.2%");
  EXPECT_EQ(FormatValue(Metric::kRss, 512.0 * 1024 * 1024), "512.0MiB");
  EXPECT_EQ(FormatValue(Metric::kHeap, 100), "100B");
}

TEST(Duration, Forms) {
  double s = 0;
  EXPECT_TRUE(ParseDuration("5", &s));
  EXPECT_EQ(s, 5);
  EXPECT_TRUE(ParseDuration("0.5s", &s));
  EXPECT_EQ(s, 0.5);
  EXPECT_TRUE(ParseDuration("5m", &s));
  EXPECT_EQ(s, 300);
  EXPECT_TRUE(ParseDuration("1h", &s));
  EXPECT_EQ(s, 3600);
  EXPECT_FALSE(ParseDuration("5d", &s));
  EXPECT_FALSE(ParseDuration("-1", &s));
  EXPECT_FALSE(ParseDuration("", &s));
}

TEST(ParseRule, AllTerms) {
  Rule r;
  ASSERT_EQ(ParseRule("goroutines:min=100,diff=50%,abs=2000", &r), "");
  EXPECT_EQ(r.metric, Metric::kGoroutines);
  EXPECT_EQ(r.min, 100);
  EXPECT_EQ(*r.diff, 50);
  EXPECT_EQ(*r.abs, 2000);
  EXPECT_EQ(r.text, "goroutines:min=100,diff=50%,abs=2000");
  ASSERT_EQ(ParseRule("rss:abs=512MiB", &r), "");
  EXPECT_EQ(*r.abs, 512.0 * 1024 * 1024);
  EXPECT_FALSE(r.diff);
  ASSERT_EQ(ParseRule("cpu:diff=100,min=50%", &r), "");
  EXPECT_EQ(*r.diff, 100);
  EXPECT_EQ(r.min, 50);
}

TEST(ParseRule, Errors) {
  Rule r;
  EXPECT_EQ(ParseRule("goroutines", &r),
            "missing ':' (METRIC:min=N,diff=P%,abs=M)");
  EXPECT_EQ(ParseRule("fds:min=1", &r),
            "unknown metric 'fds' (one of goroutines, threads, rss, cpu, "
            "heap)");
  EXPECT_EQ(ParseRule("goroutines:", &r), "no terms (min=N, diff=P%, abs=M)");
  EXPECT_EQ(ParseRule("goroutines:max=3", &r),
            "unknown term 'max' (use min, diff, abs)");
  EXPECT_EQ(ParseRule("goroutines:min", &r), "'min' is not key=value");
  EXPECT_EQ(ParseRule("goroutines:min=1,min=2", &r), "min given twice");
  EXPECT_EQ(ParseRule("heap:abs=lots", &r),
            "abs=lots is not a heap value (bytes: 4096, 512MiB, 2G)");
  EXPECT_EQ(ParseRule("cpu:diff=x%", &r),
            "diff=x% is not a percentage (diff=50%)");
}

TEST(RuleFires, Terms) {
  Rule r;
  FiredBy by;
  ASSERT_EQ(ParseRule("goroutines:min=100,diff=50%,abs=1000", &r), "");
  EXPECT_FALSE(RuleFires(r, 99, 10, &by));  // below min, whatever the avg
  EXPECT_TRUE(RuleFires(r, 150, 100, &by));
  EXPECT_EQ(by, FiredBy::kDiff);
  EXPECT_FALSE(RuleFires(r, 149, 100, &by));
  EXPECT_TRUE(RuleFires(r, 1000, 900, &by));
  EXPECT_EQ(by, FiredBy::kAbs);
  ASSERT_EQ(ParseRule("threads:min=50", &r), "");
  EXPECT_TRUE(RuleFires(r, 50, 50, &by));
  EXPECT_EQ(by, FiredBy::kMin);
  // An idle metric is no spike: diff needs a value above the average.
  ASSERT_EQ(ParseRule("cpu:diff=100%", &r), "");
  EXPECT_FALSE(RuleFires(r, 0, 0, &by));
  EXPECT_TRUE(RuleFires(r, 0.5, 0, &by));
}

TEST(ResolveWatchFlags, UsageErrors) {
  WatchConfig c;
  WatchFlags f;
  EXPECT_EQ(ResolveWatchFlags(f, &c),
            "no --rule given (e.g. --rule goroutines:min=1000,diff=50%)");
  f.rules = {"goroutines:min=1", "goroutines:abs=2"};
  EXPECT_EQ(ResolveWatchFlags(f, &c),
            "two rules for goroutines (one per metric)");
  f.rules = {"rss:abs=1G"};
  EXPECT_EQ(ResolveWatchFlags(f, &c), "give --url, --pid or --replay");
  f.url = "http://127.0.0.1:6060/debug/pprof/";
  EXPECT_EQ(ResolveWatchFlags(f, &c),
            "rule rss:abs=1G needs --pid (/proc/PID)");
  f.rules = {"goroutines:abs=10"};
  EXPECT_EQ(ResolveWatchFlags(f, &c), "");
  EXPECT_EQ(c.url, "http://127.0.0.1:6060");
  f.url = "127.0.0.1:6060";
  EXPECT_EQ(ResolveWatchFlags(f, &c),
            "--url 127.0.0.1:6060: not an http:// or https:// URL");
  f.url = "http://x";
  f.interval = "0";
  EXPECT_EQ(ResolveWatchFlags(f, &c), "bad --interval '0' (use 5, 5s, 1m)");
  f.interval = "5s";
  f.window = 0;
  EXPECT_EQ(ResolveWatchFlags(f, &c), "--window must be >= 1");
  f.window = 10;
  f.disk_budget = "lots";
  EXPECT_EQ(ResolveWatchFlags(f, &c),
            "bad --disk-budget 'lots' (use 500MiB, 2G)");
  f.disk_budget = "1GiB";
  f.replay = "x.txt";
  EXPECT_EQ(ResolveWatchFlags(f, &c), "--replay takes no --url or --pid");
}

}  // namespace
}  // namespace watch
