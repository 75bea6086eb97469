#ifndef COMMON_WATCH_WATCHER_H_
#define COMMON_WATCH_WATCHER_H_

// The live watch: sample every --interval, apply the rules, capture on a
// fire (and on SIGUSR1), keep OUT under the disk budget, until --duration,
// --max-captures or SIGTERM/SIGINT. A target that stops answering is
// reported once and watched again; when it answers again its warm-up and
// baseline start over (it is a new process).

#include <string>

#include "common/watch/config.h"

namespace watch {

// Returns false with *error only when the watch cannot start (OUT cannot
// be made, --pid names no process).
bool Watch(const WatchConfig& config, std::string* error);

}  // namespace watch

#endif  // COMMON_WATCH_WATCHER_H_
