#ifndef COMMON_WATCH_DURATION_H_
#define COMMON_WATCH_DURATION_H_

#include <string_view>

namespace watch {

// Parses "30", "1.5", "30s", "5m", "1h" (what the scripts' intervals take)
// into seconds. Returns false for anything else, negative values included.
bool ParseDuration(std::string_view text, double* seconds);

}  // namespace watch

#endif  // COMMON_WATCH_DURATION_H_
