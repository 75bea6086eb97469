#ifndef COMMON_PPROF_LEGACY_HEAP_H_
#define COMMON_PPROF_LEGACY_HEAP_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/io/bad_lines.h"
#include "common/pprof/profile.h"

namespace pprof {

// The "# runtime.MemStats" block at the end of a legacy heap profile, as
// "Key = value" pairs in file order.
struct MemStats {
  std::vector<std::pair<std::string, std::string>> fields;

  bool empty() const { return fields.empty(); }
  // The integer value of `key`, or -1 when absent or not a number.
  int64_t Get(std::string_view key) const;
};

// True when `data` starts like a legacy text heap profile ("heap profile:").
bool LooksLikeLegacyHeap(std::string_view data);

// Parses the legacy text heap format Go serves with ?debug=1:
//   heap profile: 1471: 934800 [21104: 109480504] @ heap/2
//   200: 409600 [200: 409600] @ 0x673cca 0x6745a5 ...
//   #	0x673cc9	main.newSession+0x49	/src/service.go:52
// Frames are named from the "#" comment lines, so no binary is needed;
// consecutive frames with the same function entry (pc - offset) are inlined
// calls and become one location with several lines, as in protobuf
// profiles. Addresses without a "#" line (runtime allocator frames Go hides,
// runtime.goexit) are left out. Values are scaled for the sampling rate like
// pprof does. Malformed records are skipped and reported to *bad_lines
// (line numbers of `text`); when the sink says stop (strict), parsing stops
// there. Returns false with *error only for a header that is not a heap
// profile's.
bool ParseLegacyHeap(std::string_view text, Profile* out, MemStats* memstats,
                     io::BadLineSink* bad_lines, std::string* error);

// pprof's correction of sampled heap counts for the sampling rate.
void ScaleHeapSample(int64_t count, int64_t size, int64_t rate,
                     int64_t* scaled_count, int64_t* scaled_size);

}  // namespace pprof

#endif  // COMMON_PPROF_LEGACY_HEAP_H_
