#ifndef COMMON_FLAME_COUNT_UNITS_H_
#define COMMON_FLAME_COUNT_UNITS_H_

#include <string>
#include <string_view>

namespace flame {

// What the counts measure, from --countname: bytes and time are shown in
// human units ("1.52 MiB", "5.16 s"); anything else as a number followed
// by the count name ("1,234 samples").
enum class CountUnit {
  kPlain,
  kBytes,         // --countname bytes (or B)
  kNanoseconds,   // nanoseconds (ns)
  kMicroseconds,  // microseconds (us), shown like nanoseconds
  kMilliseconds,  // milliseconds (ms)
  kSeconds,       // seconds (s)
};

CountUnit ParseCountUnit(std::string_view countname);

// `value` in `unit` as a human amount: bytes in B, KiB, MiB, GiB, TiB,
// PiB (powers of 1024); time in ns, us, ms, s, then min and h; two
// decimals at most, trailing zeros dropped ("512 KiB", "1.5 s"). Negative
// values keep their sign. Only for unit != kPlain.
std::string FormatAmount(double value, CountUnit unit);

}  // namespace flame

#endif  // COMMON_FLAME_COUNT_UNITS_H_
