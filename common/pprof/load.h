#ifndef COMMON_PPROF_LOAD_H_
#define COMMON_PPROF_LOAD_H_

#include <string>

#include "common/io/bad_lines.h"
#include "common/io/limits.h"
#include "common/pprof/legacy_heap.h"
#include "common/pprof/profile.h"

namespace pprof {

// A profile read from a file, with what the file format added around it.
struct LoadedProfile {
  std::string name;  // the path as given, for messages
  Profile profile;
  bool legacy_text = false;  // read from the legacy text heap format
  MemStats memstats;         // legacy text only
};

// Reads a pprof profile: gzipped or raw protobuf, or the legacy text heap
// format. On failure returns false and sets *error to a message naming the
// file, e.g. "2.heap: not a pprof profile (bad protobuf at byte 1234)".
// Malformed records of a legacy text profile are reported to *bad_lines,
// under the file's name; a strict sink stops the parse at the first (the
// caller checks bad_lines->stopped()).
bool LoadProfile(const std::string& path, io::BadLineSink* bad_lines,
                 LoadedProfile* out, std::string* error);

// Same, from bytes already in memory (decompressed or gzipped).
// A second gzip layer inflates to at most `max_bytes` (io/limits.h).
bool LoadProfileFromBytes(const std::string& name, std::string data,
                          io::BadLineSink* bad_lines, LoadedProfile* out,
                          std::string* error,
                          uint64_t max_bytes = io::Limits().max_whole_input);

}  // namespace pprof

#endif  // COMMON_PPROF_LOAD_H_
