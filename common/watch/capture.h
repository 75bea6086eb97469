#ifndef COMMON_WATCH_CAPTURE_H_
#define COMMON_WATCH_CAPTURE_H_

// A capture: the folder OUT/<UTC time>-<metric>/ filled by the capture
// plan (downloads from the service, perf, /proc/PID/status), then its
// report. Also the baseline folder taken when the watch starts.

#include <ctime>
#include <optional>
#include <string>

#include "common/watch/config.h"
#include "common/watch/http_client.h"
#include "common/watch/metric.h"

namespace watch {

// 20261201T031500Z and 2026-12-01T03:15:00Z.
std::string UtcStamp(std::time_t t);
std::string UtcIso(std::time_t t);

struct CaptureResult {
  std::string folder;
  std::string finding;  // the report's first finding
};

// Captures the evidence for `metric` (nullopt: everything, SIGUSR1) into a
// new folder named after `now`, then writes its report.txt against the
// files of `baseline_folder` ("" = none), in a child process (see
// capture.cc). `header` opens the report.
// Returns false with *error when the folder cannot be made.
bool RunCapture(const WatchConfig& config, HttpClient* http,
                std::optional<Metric> metric, std::time_t now,
                const std::string& baseline_folder, const std::string& header,
                CaptureResult* out, std::string* error);

// Takes OUT/baseline-<UTC time>/ (a goroutine dump and a heap profile of
// the service). Returns false with *error when nothing could be fetched.
bool TakeBaseline(const WatchConfig& config, HttpClient* http, std::time_t now,
                  std::string* folder, std::string* error);

}  // namespace watch

#endif  // COMMON_WATCH_CAPTURE_H_
