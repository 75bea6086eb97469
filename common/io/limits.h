#ifndef COMMON_IO_LIMITS_H_
#define COMMON_IO_LIMITS_H_

#include <cstdint>

namespace io {

// Formats that need random access (pprof) are read whole; their size after
// decompression (every gzip layer) is capped so that a gzip bomb or
// /dev/zero ends with a message instead of taking all the memory there is.
// Real profiles are far smaller: 1 GiB by default.
constexpr uint64_t kDefaultMaxWholeInput = uint64_t{1} << 30;

// Lines longer than this are not kept (see ChunkReader): one bad line each.
// 16 MiB is far beyond any real folded line, frame or goroutine header.
constexpr uint64_t kDefaultMaxLine = uint64_t{16} << 20;

// The two limits in force for this run. A tool sets them once, from
// --max-input-mib and --max-line-mib, before it reads anything; every
// reader takes them as its default. They are a property of the run, like
// a ulimit, so they are not threaded through every parser's signature.
struct InputLimits {
  uint64_t max_whole_input = kDefaultMaxWholeInput;
  uint64_t max_line = kDefaultMaxLine;
};
const InputLimits& Limits();
void SetLimits(const InputLimits& limits);

}  // namespace io

#endif  // COMMON_IO_LIMITS_H_
