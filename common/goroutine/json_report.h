#ifndef COMMON_GOROUTINE_JSON_REPORT_H_
#define COMMON_GOROUTINE_JSON_REPORT_H_

// The --json report: total, clusters[] (count, state, wait_minutes,
// frames, created_by, suspect, reason, ...), locks[] and inversions[].
// Every string is JSON-escaped.

#include <string>
#include <string_view>

#include "common/goroutine/analysis.h"

namespace goroutine {

std::string WriteJsonReport(const Analysis& a);

}  // namespace goroutine

#endif  // COMMON_GOROUTINE_JSON_REPORT_H_
