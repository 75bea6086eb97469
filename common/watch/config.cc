#include "common/watch/config.h"

#include <cmath>
#include <string_view>

#include "common/watch/duration.h"

namespace watch {
namespace {

std::string ResolveRules(const WatchFlags& f, WatchConfig* out) {
  bool seen[kMetricCount] = {};
  for (const std::string& text : f.rules) {
    Rule rule;
    std::string why = ParseRule(text, &rule);
    if (!why.empty()) return "--rule " + text + ": " + why;
    const int m = static_cast<int>(rule.metric);
    if (seen[m]) {
      return "two rules for " + std::string(MetricName(rule.metric)) +
             " (one per metric)";
    }
    seen[m] = true;
    out->rules.push_back(rule);
  }
  return "";
}

std::string ResolveTimes(const WatchFlags& f, WatchConfig* out) {
  if (!ParseDuration(f.interval, &out->interval) || out->interval <= 0) {
    return "bad --interval '" + f.interval + "' (use 5, 5s, 1m)";
  }
  if (!ParseDuration(f.cooldown, &out->engine.cooldown)) {
    return "bad --cooldown '" + f.cooldown + "' (use 300, 5m, 1h)";
  }
  if (!f.duration.empty() &&
      (!ParseDuration(f.duration, &out->duration) || out->duration <= 0)) {
    return "bad --duration '" + f.duration + "' (use 60, 10m, 8h)";
  }
  double cpu = 0;
  if (!ParseDuration(f.cpu_seconds, &cpu) || cpu < 1 || cpu > 300 ||
      cpu != std::floor(cpu)) {
    return "bad --cpu-seconds '" + f.cpu_seconds +
           "' (whole seconds from 1 to 300)";
  }
  out->cpu_seconds = static_cast<int>(cpu);
  if (!ParseDuration(f.connect_timeout, &out->connect_timeout) ||
      out->connect_timeout <= 0) {
    return "bad --connect-timeout '" + f.connect_timeout + "'";
  }
  if (!ParseDuration(f.timeout, &out->timeout) || out->timeout <= 0) {
    return "bad --timeout '" + f.timeout + "'";
  }
  return "";
}

// Each rule's metric needs a source: the pprof index for goroutines and
// heap, /proc/PID for rss and cpu, either for threads.
std::string CheckSources(const WatchConfig& c) {
  for (const Rule& r : c.rules) {
    const bool url = !c.url.empty(), pid = c.pid > 0;
    switch (r.metric) {
      case Metric::kGoroutines:
      case Metric::kHeap:
        if (!url) {
          return "rule " + r.text +
                 " needs --url (the service's net/http/pprof)";
        }
        break;
      case Metric::kRss:
      case Metric::kCpu:
        if (!pid) return "rule " + r.text + " needs --pid (/proc/PID)";
        break;
      case Metric::kThreads:
        if (!url && !pid) return "rule " + r.text + " needs --url or --pid";
        break;
    }
  }
  return "";
}

}  // namespace

std::string PprofBase(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  constexpr std::string_view kSuffix = "/debug/pprof";
  if (url.size() >= kSuffix.size() &&
      url.compare(url.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0) {
    url.resize(url.size() - kSuffix.size());
  }
  const bool http = url.rfind("http://", 0) == 0 && url.size() > 7;
  const bool https = url.rfind("https://", 0) == 0 && url.size() > 8;
  if (!http && !https) return "";
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return "";
  }
  return url;
}

std::string ResolveWatchFlags(const WatchFlags& f, WatchConfig* out) {
  *out = WatchConfig();
  if (f.window < 1) return "--window must be >= 1";
  out->engine.window = f.window;
  if (std::string why = ResolveRules(f, out); !why.empty()) return why;
  if (std::string why = ResolveTimes(f, out); !why.empty()) return why;
  if (out->rules.empty()) {
    return "no --rule given (e.g. --rule goroutines:min=1000,diff=50%)";
  }
  out->replay = f.replay;
  if (!f.replay.empty()) {
    if (!f.url.empty() || f.pid != 0) {
      return "--replay takes no --url or --pid";
    }
    return "";
  }
  if (f.url.empty() && f.pid == 0) return "give --url, --pid or --replay";
  if (!f.url.empty()) {
    out->url = PprofBase(f.url);
    if (out->url.empty()) {
      return "--url " + f.url + ": not an http:// or https:// URL";
    }
  }
  if (f.pid < 0 || f.pid > 4194304) return "--pid must be a process id";
  out->pid = static_cast<int>(f.pid);
  if (f.max_captures < 0) return "--max-captures must be >= 0";
  out->max_captures = f.max_captures;
  if (!ParseValue(Metric::kRss, f.disk_budget, &out->disk_budget) ||
      out->disk_budget <= 0) {
    return "bad --disk-budget '" + f.disk_budget + "' (use 500MiB, 2G)";
  }
  if (f.out.empty()) return "--out must name a folder";
  out->out = f.out;
  return CheckSources(*out);
}

}  // namespace watch
