#ifndef COMMON_GOROUTINE_FORMAT_PROBE_H_
#define COMMON_GOROUTINE_FORMAT_PROBE_H_

#include <cstdint>
#include <string_view>

namespace goroutine {

// Whether `head` (the first KiB of an input, possibly cut inside a line)
// holds a goroutine header as the dump parser reads it ("goroutine 1
// [running]:", Go 1.22+ "goroutine 1 gp=.. m=.. mp=.. [..]:", also after a
// log prefix): a debug=2 dump, SIGQUIT or crash output.
bool LooksLikeGoroutineDump(std::string_view head);

// Whether `head` holds the first line of a goroutine, goroutineleak or
// threadcreate profile in ?debug=1 text ("goroutine profile: total 12"),
// which the dump parser reads as aggregated records.
bool LooksLikeCountProfile(std::string_view head);

// Which count profile a header names.
enum class CountProfileKind { kGoroutine, kGoroutineLeak, kThreadCreate };

// The count profile's first line: true and *total for "goroutine profile:
// total N", "goroutineleak profile: total N" (Go 1.26 leak detection:
// every goroutine listed is one the runtime proved leaked) or
// "threadcreate profile: total N".
bool ParseCountProfileHeader(std::string_view line, uint64_t* total,
                             CountProfileKind* kind = nullptr);

}  // namespace goroutine

#endif  // COMMON_GOROUTINE_FORMAT_PROBE_H_
