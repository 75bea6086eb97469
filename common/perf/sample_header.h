#ifndef COMMON_PERF_SAMPLE_HEADER_H_
#define COMMON_PERF_SAMPLE_HEADER_H_

#include <cstdint>
#include <string_view>

namespace perf {

// The first line of a `perf script` sample, split into its fields:
//   comm [PID/]TID [[CPU]] [TIME:] [PERIOD] EVENT: [REST]
// (the event is required: it is what tells a header from a stray line).
// e.g. "pool worker 1 14028/14035 [000]   510.395644:    3344481 cpu-clock:"
// REST is a tracepoint's payload, or the frame of a one-line sample
// (perf script -G, or a recording without call graphs).
struct SampleHeader {
  std::string_view comm;
  std::string_view pid;  // empty when the header has only the TID
  std::string_view tid;
  std::string_view event;  // without the trailing ':'; never empty
  std::string_view rest;
  int64_t period = 0;  // 0 when absent
};

// Parses a header line (leading spaces allowed: one-line samples
// right-align the comm). The comm may contain spaces and end in a number;
// the split is the leftmost one after which the remaining fields parse.
// Returns false when the line is not a sample header.
bool ParseSampleHeader(std::string_view line, SampleHeader* out);

}  // namespace perf

#endif  // COMMON_PERF_SAMPLE_HEADER_H_
