#ifndef COMMON_CLI_DURATION_H_
#define COMMON_CLI_DURATION_H_

// The one parser of durations the tools take on their command lines:
// "30s", "5m", "1h", "1.5m", or a plain number in the flag's own unit
// ("--min-wait 5" is five minutes, "--interval 5" five seconds).

#include <string>
#include <string_view>

namespace cli {

enum class DurationUnit { kSeconds, kMinutes, kHours };

// Parses `text` into *seconds. A number without a suffix is in
// `plain_unit`; suffixes are s, m (minutes), h. Returns false for anything
// else (negative, empty, not finite, another suffix) with *error saying
// what was expected when `error` is not null.
bool ParseDuration(std::string_view text, DurationUnit plain_unit,
                   double* seconds, std::string* error = nullptr);

}  // namespace cli

#endif  // COMMON_CLI_DURATION_H_
