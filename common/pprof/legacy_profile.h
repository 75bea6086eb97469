#ifndef COMMON_PPROF_LEGACY_PROFILE_H_
#define COMMON_PPROF_LEGACY_PROFILE_H_

#include <string>
#include <string_view>

#include "common/io/bad_lines.h"
#include "common/pprof/legacy_heap.h"
#include "common/pprof/profile.h"

namespace pprof {

// The pre-protobuf formats pprof still reads (its legacy_profile.go).
enum class LegacyFormat {
  kNone,
  kCpu,         // binary CPU profile (legacy_cpu.h)
  kHeap,        // heap text: Go ?debug=1, gperftools, growthz (legacy_heap.h)
  kCount,       // goroutine / threadcreate ?debug=1 (legacy_count.h)
  kThreadz,     // threadz text (legacy_threadz.h)
  kContention,  // contention, mutex, block text (legacy_contention.h)
};

// Asks each legacy reader's probe, in pprof's order; kNone when none fits.
LegacyFormat DetectLegacyFormat(std::string_view head);

// "a legacy binary CPU profile", "a contention profile in text", ...
std::string_view LegacyFormatDescription(LegacyFormat format);

// Parses `data` as `format` with that reader (*memstats: Go heap text).
bool ParseLegacyProfile(LegacyFormat format, std::string_view data,
                        Profile* out, MemStats* memstats, io::BadLineSink* bad,
                        std::string* error);

}  // namespace pprof

#endif  // COMMON_PPROF_LEGACY_PROFILE_H_
