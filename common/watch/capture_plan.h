#ifndef COMMON_WATCH_CAPTURE_PLAN_H_
#define COMMON_WATCH_CAPTURE_PLAN_H_

// What explains each metric, as files to keep in its capture folder:
//   goroutines -> goroutine.debug2.txt, goroutine.debug1.txt
//   threads    -> threadcreate.pb.gz, goroutine.debug2.txt
//   rss, heap  -> heap.pb.gz, and the baseline's as heap.baseline.pb.gz
//   cpu        -> cpu.pb.gz (profile?seconds=N), or perf record -g of the
//                 PID when there is no --url (a non-Go process)
// and, with --pid, proc-status.txt (/proc/PID/status at the capture; for
// rss also proc-smaps_rollup.txt, where the resident memory is).

#include <optional>
#include <string>
#include <vector>

#include "common/watch/metric.h"

namespace watch {

struct Fetch {
  std::string file;          // in the capture folder
  std::string path;          // after the base URL
  bool cpu_profile = false;  // takes --cpu-seconds
};

// A /proc/PID file kept as it was at the capture.
struct ProcCopy {
  std::string source;  // after /proc/PID/
  std::string file;    // in the capture folder
};

struct CapturePlan {
  std::vector<Fetch> fetches;  // from the service, in this order
  bool perf = false;           // perf record -g -p PID
  std::vector<ProcCopy> proc_files;
};

// The plan for a fire of `metric`; nullopt (SIGUSR1): everything the
// target offers.
CapturePlan PlanFor(std::optional<Metric> metric, bool has_url, bool has_pid,
                    int cpu_seconds);

// What the baseline folder holds, taken when the watch starts (and again
// when a target comes back): a goroutine dump and a heap profile.
CapturePlan BaselinePlan(bool has_url);

}  // namespace watch

#endif  // COMMON_WATCH_CAPTURE_PLAN_H_
