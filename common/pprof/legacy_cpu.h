#ifndef COMMON_PPROF_LEGACY_CPU_H_
#define COMMON_PPROF_LEGACY_CPU_H_

#include <string>
#include <string_view>

#include "common/io/bad_lines.h"
#include "common/pprof/profile.h"

namespace pprof {

// True when `head` starts with the header of the legacy binary CPU profile
// (gperftools' CPU profiler, Go before 1.9): the words 0, 3, 0, a period
// above 0 and 0, as 32- or 64-bit words of either byte order.
bool LooksLikeLegacyCpu(std::string_view head);

// Parses it as pprof's parseCPU: after the header, records of words
// (count, depth, depth addresses) up to the end marker (0, 1, 0), then
// /proc/PID/maps text. Samples are (samples, count) and (cpu,
// nanoseconds); the period is the header's microseconds in nanoseconds.
// Like pprof it strips a second frame common to nearly all samples (the
// signal handler's), at most twice, and a duplicated leaf. A record cut
// off by the end of the data is reported to *bad. False with *error when
// the header is not one (a Java profile is named as such).
bool ParseLegacyCpu(std::string_view data, Profile* out, io::BadLineSink* bad,
                    std::string* error);

}  // namespace pprof

#endif  // COMMON_PPROF_LEGACY_CPU_H_
