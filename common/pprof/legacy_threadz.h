#ifndef COMMON_PPROF_LEGACY_THREADZ_H_
#define COMMON_PPROF_LEGACY_THREADZ_H_

#include <string>
#include <string_view>

#include "common/io/bad_lines.h"
#include "common/pprof/profile.h"

namespace pprof {

// True when the first line that is not blank or "#" is "--- threadz N ---"
// or "--- Thread HEX (name: NAME/TID) stack: ---".
bool LooksLikeThreadz(std::string_view head);

// Parses threadz text as pprof's parseThread: each "--- Thread ..."
// section is one sample of value 1 (thread, count) whose stack is every
// hex address in its lines ("PC: 0x..." first, the leaf); "same as
// previous thread" adds one to the sample before. A "--- Memory map: ---"
// section names mappings. Lines that are neither are reported to *bad.
bool ParseThreadz(std::string_view text, Profile* out, io::BadLineSink* bad,
                  std::string* error);

}  // namespace pprof

#endif  // COMMON_PPROF_LEGACY_THREADZ_H_
