#ifndef COMMON_WATCH_DISK_BUDGET_H_
#define COMMON_WATCH_DISK_BUDGET_H_

// Keeps OUT under --disk-budget: the oldest capture folders go first. Only
// folders spikewatch names (<UTC time>-<metric>, e.g.
// 20261201T031500Z-goroutines) are ever counted or removed; the baseline and
// anything else in OUT are left alone, and the newest capture is kept even
// when it alone is over the budget.

#include <cstdint>
#include <string>
#include <vector>

namespace watch {

// True for "20261201T031500Z-goroutines" and "20261201T031500Z-cpu-2".
bool IsCaptureFolderName(const std::string& name);

// Removes the oldest capture folders of `out` until their total size is at
// most `budget` bytes. Returns the names removed (oldest first).
std::vector<std::string> EnforceDiskBudget(const std::string& out,
                                           double budget);

}  // namespace watch

#endif  // COMMON_WATCH_DISK_BUDGET_H_
