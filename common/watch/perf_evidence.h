#ifndef COMMON_WATCH_PERF_EVIDENCE_H_
#define COMMON_WATCH_PERF_EVIDENCE_H_

// The CPU evidence of a process without a Go profiler: `perf record -g` of
// the PID, `perf script`, folded with the perf module into cpu.folded; the
// report lists the hottest stacks and draws cpu.svg.

#include <string>

namespace watch {

// Records `seconds` of `pid` into FOLDER/perf.data and folds it into
// FOLDER/cpu.folded. Returns false with *error (perf missing, not
// permitted, no samples).
bool RecordPerf(int pid, int seconds, const std::string& folder,
                std::string* error);

// The report section of FOLDER/cpu.folded: its hottest stacks, and cpu.svg.
void PerfSection(const std::string& folded_path, const std::string& svg,
                 std::string* text, std::string* finding);

}  // namespace watch

#endif  // COMMON_WATCH_PERF_EVIDENCE_H_
