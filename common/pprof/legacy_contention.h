#ifndef COMMON_PPROF_LEGACY_CONTENTION_H_
#define COMMON_PPROF_LEGACY_CONTENTION_H_

#include <string>
#include <string_view>

#include "common/io/bad_lines.h"
#include "common/pprof/profile.h"

namespace pprof {

// True when the first non-blank line starts "--- contention:", "--- mutex:"
// or "--- contentionz " (gperftools, and Go's /debug/pprof/mutex?debug=1
// and block?debug=1).
bool LooksLikeContention(std::string_view head);

// Parses contention text as pprof's parseContention: "key=value" lines
// (cycles/second, sampling period, ms since reset), then "DELAY COUNT @
// 0x..." records, giving contentions (count x period) and delay
// (nanoseconds: cycles x period / GHz). Frames are named from Go's "#"
// lines when a record has them, else by address. Unknown attributes and
// malformed records are reported to *bad and skipped. False with *error
// only for a missing header.
bool ParseContention(std::string_view text, Profile* out, io::BadLineSink* bad,
                     std::string* error);

}  // namespace pprof

#endif  // COMMON_PPROF_LEGACY_CONTENTION_H_
