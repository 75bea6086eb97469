#include "common/watch/duration.h"

#include "common/cli/duration.h"

namespace watch {

// spikewatch's intervals: a plain number is seconds (cli::ParseDuration,
// the one duration parser).
bool ParseDuration(std::string_view text, double* seconds) {
  return cli::ParseDuration(text, cli::DurationUnit::kSeconds, seconds);
}

}  // namespace watch
