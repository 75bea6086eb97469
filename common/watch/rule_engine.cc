#include "common/watch/rule_engine.h"

#include <utility>

namespace watch {

RuleEngine::RuleEngine(std::vector<Rule> rules, EngineOptions options)
    : rules_(std::move(rules)), options_(options) {
  if (options_.window < 1) options_.window = 1;
  for (const Rule& r : rules_) by_metric_[static_cast<int>(r.metric)] = &r;
  Reset();
}

void RuleEngine::Reset() {
  for (History& h : history_) {
    h = History();
    h.ring.assign(options_.window, 0);
  }
}

bool RuleEngine::HasRule(Metric metric) const {
  return by_metric_[static_cast<int>(metric)] != nullptr;
}

void RuleEngine::Push(History* h, double value) {
  // The sum is recomputed from the ring rather than updated by subtracting
  // the value that leaves: no drift over weeks of samples.
  h->ring[h->next] = value;
  h->next = (h->next + 1) % h->ring.size();
  if (h->count < h->ring.size()) ++h->count;
  h->sum = 0;
  for (size_t i = 0; i < h->count; ++i) h->sum += h->ring[i];
}

std::optional<Fire> RuleEngine::Observe(double seconds, Metric metric,
                                        double value) {
  History& h = history_[static_cast<int>(metric)];
  const Rule* rule = by_metric_[static_cast<int>(metric)];
  std::optional<Fire> fire;
  if (h.cooling && seconds >= h.quiet_until) h.cooling = false;
  if (rule != nullptr && !h.cooling &&
      h.count >= static_cast<size_t>(options_.window)) {
    const double avg = h.sum / static_cast<double>(h.count);
    FiredBy by;
    if (RuleFires(*rule, value, avg, &by)) {
      fire = Fire{seconds, metric, value, avg, options_.window, rule, by};
      h.cooling = true;
      h.quiet_until = seconds + options_.cooldown;
    }
  }
  Push(&h, value);
  return fire;
}

}  // namespace watch
