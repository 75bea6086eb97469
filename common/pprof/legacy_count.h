#ifndef COMMON_PPROF_LEGACY_COUNT_H_
#define COMMON_PPROF_LEGACY_COUNT_H_

#include <string>
#include <string_view>

#include "common/io/bad_lines.h"
#include "common/pprof/profile.h"

namespace pprof {

// True when the first line that is not blank or "#" is Go's count profile
// header, "NAME profile: total N" (goroutine, threadcreate, ... ?debug=1).
bool LooksLikeLegacyCount(std::string_view head);

// Whether the records in `head` name their frames with Go's "#\t0x..."
// lines (false: bare addresses, a profile written without symbols).
bool LegacyCountNamesFrames(std::string_view head);

// Parses a Go count profile as pprof's parseGoCount: one sample type, NAME
// (count); each "N @ 0x..." record is a sample of value N. Frames are named
// from the record's "#" lines when it has them (as ParseLegacyHeap), else
// each address is an unsymbolised location (address - 1, the call site).
// A memory map after the records names mappings. Malformed records are
// reported to *bad and skipped. False with *error only when the header is
// missing.
bool ParseLegacyCount(std::string_view text, Profile* out, io::BadLineSink* bad,
                      std::string* error);

}  // namespace pprof

#endif  // COMMON_PPROF_LEGACY_COUNT_H_
