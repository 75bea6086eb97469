#ifndef COMMON_IO_LIMITS_H_
#define COMMON_IO_LIMITS_H_

#include <cstdint>

namespace io {

// Formats that need random access (pprof) are read whole; their size after
// decompression (every gzip layer) is capped so that a gzip bomb or
// /dev/zero ends with a message instead of taking all the memory there is.
// Real profiles are far smaller: 1 GiB by default.
constexpr uint64_t kDefaultMaxWholeInput = uint64_t{1} << 30;

}  // namespace io

#endif  // COMMON_IO_LIMITS_H_
