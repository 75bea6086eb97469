#ifndef COMMON_WATCH_CONFIG_H_
#define COMMON_WATCH_CONFIG_H_

// spikewatch's command line, checked: the raw flags as main.cc collects
// them, and the resolved settings the watcher and --replay use.

#include <cstdint>
#include <string>
#include <vector>

#include "common/watch/rule.h"
#include "common/watch/rule_engine.h"

namespace watch {

struct WatchFlags {
  std::string url;
  int64_t pid = 0;
  std::string interval = "5s";
  int window = 10;
  std::string cooldown = "5m";
  std::vector<std::string> rules;
  std::string out = "spikewatch";
  std::string duration;  // empty: until stopped
  int64_t max_captures = 0;
  std::string disk_budget = "1GiB";
  std::string cpu_seconds = "10s";
  std::string connect_timeout = "2s";
  std::string timeout = "10s";
  std::string replay;
};

struct WatchConfig {
  std::string url;  // http://host:port, no trailing / or /debug/pprof
  int pid = 0;
  double interval = 5;
  std::vector<Rule> rules;
  EngineOptions engine;
  std::string out;
  double duration = 0;  // 0: until stopped
  int64_t max_captures = 0;
  double disk_budget = 0;  // bytes
  int cpu_seconds = 10;
  double connect_timeout = 2;
  double timeout = 10;
  std::string replay;
};

// Checks the flags and fills *out. Returns the usage error ("" when fine).
std::string ResolveWatchFlags(const WatchFlags& flags, WatchConfig* out);

// "http://h:p" from "http://h:p/", "http://h:p/debug/pprof/"; "" when the
// text is not an http:// or https:// URL.
std::string PprofBase(std::string url);

}  // namespace watch

#endif  // COMMON_WATCH_CONFIG_H_
