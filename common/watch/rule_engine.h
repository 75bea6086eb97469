#ifndef COMMON_WATCH_RULE_ENGINE_H_
#define COMMON_WATCH_RULE_ENGINE_H_

// The rules applied to a stream of samples: per metric, the moving average
// of the previous `window` samples, a warm-up (no fire before `window`
// samples exist) and a cooldown after each fire. Deterministic: time is
// whatever the caller passes (seconds), so --replay and the live watch run
// the same code.

#include <optional>
#include <vector>

#include "common/watch/metric.h"
#include "common/watch/rule.h"

namespace watch {

struct EngineOptions {
  int window = 10;        // samples in the moving average
  double cooldown = 300;  // seconds a metric stays quiet after a fire
};

// Why a sample fired: the evidence printed with it.
struct Fire {
  double seconds = 0;
  Metric metric = Metric::kGoroutines;
  double value = 0;
  double average = 0;  // of the previous `window` samples
  int window = 0;
  const Rule* rule = nullptr;
  FiredBy by = FiredBy::kMin;
};

class RuleEngine {
 public:
  // `rules`: at most one per metric (the caller checks).
  RuleEngine(std::vector<Rule> rules, EngineOptions options);
  // Fires point at the engine's own rules.
  RuleEngine(const RuleEngine&) = delete;
  RuleEngine& operator=(const RuleEngine&) = delete;

  // Applies the metric's rule to one sample taken at `seconds`, then adds
  // it to the metric's history. Returns the fire, if any.
  std::optional<Fire> Observe(double seconds, Metric metric, double value);

  // Forgets every metric's history and cooldown (a restarted target is a
  // new process: its warm-up starts again).
  void Reset();

  // Whether a rule watches `metric`.
  bool HasRule(Metric metric) const;
  const std::vector<Rule>& rules() const { return rules_; }
  const EngineOptions& options() const { return options_; }

 private:
  struct History {
    std::vector<double> ring;  // the last `window` values
    size_t next = 0;           // where the next value goes
    size_t count = 0;          // values seen, up to window
    double sum = 0;
    bool cooling = false;
    double quiet_until = 0;
  };
  void Push(History* h, double value);

  std::vector<Rule> rules_;
  EngineOptions options_;
  const Rule* by_metric_[kMetricCount] = {};
  History history_[kMetricCount];
};

}  // namespace watch

#endif  // COMMON_WATCH_RULE_ENGINE_H_
