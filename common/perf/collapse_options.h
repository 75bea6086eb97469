#ifndef COMMON_PERF_COLLAPSE_OPTIONS_H_
#define COMMON_PERF_COLLAPSE_OPTIONS_H_

#include <string>

namespace perf {

// How `perf script` samples become folded stacks. The flags have the
// meaning of the same-named options of FlameGraph's stackcollapse-perf.pl.
struct CollapseOptions {
  bool include_pid = false;      // root frame "comm-PID"
  bool include_tid = false;      // root frame "comm-PID/TID"
  bool annotate_kernel = false;  // kernel frames get "_[k]"
  bool annotate_jit = false;     // frames from /tmp/perf-PID.map get "_[j]"
  bool include_addrs = false;    // unresolved frames keep "<ADDR>"
  bool srcline = false;          // append "file:line" lines (-F +srcline)
  // Keep only samples of this event. Empty: the first event in the input.
  // "cpu-clock" also matches "cpu-clock:pppH" (modifiers ignored).
  std::string event_filter;
};

}  // namespace perf

#endif  // COMMON_PERF_COLLAPSE_OPTIONS_H_
