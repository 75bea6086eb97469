#ifndef COMMON_GOROUTINE_TEXT_REPORT_H_
#define COMMON_GOROUTINE_TEXT_REPORT_H_

// The human report: a summary line, the leak suspects (one line each that
// says what is stuck, where, for how long and who started it, then the
// compacted stack), the lock view, then the healthy groups one per line.

#include <string>

#include "common/goroutine/analysis.h"

namespace goroutine {

struct TextOptions {
  bool color = false;       // ANSI colours (only on a terminal by default)
  bool show_stacks = true;  // frames under each suspect
};

std::string WriteTextReport(const Analysis& a, const TextOptions& options);

// "4000 goroutines blocked in chan send at main.FilterService.func1
// (pipeline.go:66), created by main.FilterService (pipeline.go:61)".
std::string DescribeCluster(const Cluster& c, const ClusterSet& set);

// "pipeline.go:66" from a frame (base name of the file).
std::string ShortLocation(const Frame& f, const ClusterSet& set);

}  // namespace goroutine

#endif  // COMMON_GOROUTINE_TEXT_REPORT_H_
