#include "common/watch/capture_plan.h"

namespace watch {
namespace {

void Add(CapturePlan* plan, const std::string& file, const std::string& path,
         bool cpu = false) {
  for (const Fetch& f : plan->fetches) {
    if (f.file == file) return;
  }
  plan->fetches.push_back({file, path, cpu});
}

void AddMetric(Metric m, bool has_url, bool has_pid, int cpu_seconds,
               CapturePlan* plan) {
  if (!has_url) {
    if (m == Metric::kCpu && has_pid) plan->perf = true;
    return;
  }
  switch (m) {
    case Metric::kGoroutines:
      Add(plan, "goroutine.debug2.txt", "/debug/pprof/goroutine?debug=2");
      Add(plan, "goroutine.debug1.txt", "/debug/pprof/goroutine?debug=1");
      break;
    case Metric::kThreads:
      Add(plan, "threadcreate.pb.gz", "/debug/pprof/threadcreate");
      Add(plan, "goroutine.debug2.txt", "/debug/pprof/goroutine?debug=2");
      break;
    case Metric::kRss:
    case Metric::kHeap:
      Add(plan, "heap.pb.gz", "/debug/pprof/heap");
      break;
    case Metric::kCpu:
      Add(plan, "cpu.pb.gz",
          "/debug/pprof/profile?seconds=" + std::to_string(cpu_seconds), true);
      break;
  }
}

}  // namespace

CapturePlan PlanFor(std::optional<Metric> metric, bool has_url, bool has_pid,
                    int cpu_seconds) {
  CapturePlan plan;
  if (has_pid) {
    plan.proc_files.push_back({"status", "proc-status.txt"});
    if (!metric || *metric == Metric::kRss) {
      plan.proc_files.push_back({"smaps_rollup", "proc-smaps_rollup.txt"});
    }
  }
  if (metric) {
    AddMetric(*metric, has_url, has_pid, cpu_seconds, &plan);
  } else {
    for (int i = 0; i < kMetricCount; ++i) {
      AddMetric(static_cast<Metric>(i), has_url, has_pid, cpu_seconds, &plan);
    }
  }
  return plan;
}

CapturePlan BaselinePlan(bool has_url) {
  CapturePlan plan;
  if (has_url) {
    Add(&plan, "goroutine.debug2.txt", "/debug/pprof/goroutine?debug=2");
    Add(&plan, "heap.pb.gz", "/debug/pprof/heap");
  }
  return plan;
}

}  // namespace watch
