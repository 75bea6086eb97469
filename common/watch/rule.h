#ifndef COMMON_WATCH_RULE_H_
#define COMMON_WATCH_RULE_H_

// One --rule: METRIC:min=N,diff=P%,abs=M (any subset, at least one).

#include <optional>
#include <string>
#include <string_view>

#include "common/watch/metric.h"

namespace watch {

struct Rule {
  Metric metric = Metric::kGoroutines;
  double min = 0;              // the value must reach this at all
  std::optional<double> diff;  // percent over the moving average
  std::optional<double> abs;   // a fixed threshold
  std::string text;            // as given, for the fire lines
};

// Parses "goroutines:min=100,diff=50%,abs=2000", "rss:abs=512MiB",
// "cpu:diff=100%,min=50%". Returns the reason it is wrong, or "" when *out
// holds the rule.
std::string ParseRule(std::string_view text, Rule* out);

// Which term of the rule a value met: "abs", "diff" or "min" (a rule with
// neither abs nor diff fires on min alone).
enum class FiredBy { kAbs, kDiff, kMin };
std::string_view FiredByName(FiredBy by);

// Whether `value` fires `rule` against the moving average `avg`; sets *by.
bool RuleFires(const Rule& rule, double value, double avg, FiredBy* by);

}  // namespace watch

#endif  // COMMON_WATCH_RULE_H_
