#ifndef COMMON_WATCH_EVIDENCE_REPORT_H_
#define COMMON_WATCH_EVIDENCE_REPORT_H_

// report.txt of a capture folder, made right away with the toolkit's own
// analyses: goleak-cluster's clusters of the dump against the baseline
// dump, heapdiff's -top of the heap against the baseline heap, the -top of
// the CPU profile (and its flame graph cpu.svg), the hottest perf stacks.
// Each section names the files it read; the first finding of the metric
// that fired is what spikewatch prints on its event line.

#include <optional>
#include <string>
#include <vector>

#include "common/watch/metric.h"

namespace watch {

struct ReportInputs {
  std::string folder;              // the capture folder
  std::string baseline_folder;     // "" when there is no baseline
  std::optional<Metric> metric;    // nullopt: a SIGUSR1 capture
  std::string header;              // first lines: what fired, when, why
  std::vector<std::string> notes;  // files that could not be captured
};

// Writes FOLDER/report.txt from the files in the folder. Returns the first
// finding, one line ("no report: ..." when nothing could be analysed).
std::string WriteEvidenceReport(const ReportInputs& in);

}  // namespace watch

#endif  // COMMON_WATCH_EVIDENCE_REPORT_H_
