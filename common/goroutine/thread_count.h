#ifndef COMMON_GOROUTINE_THREAD_COUNT_H_
#define COMMON_GOROUTINE_THREAD_COUNT_H_

// The OS thread count of the process a dump came from, for the cgo /
// syscall pile-up verdict: goleak-cluster --threads N, or a file holding
// it: a threadcreate profile in ?debug=1 text ("threadcreate profile: total
// N") or /proc/PID/status ("Threads:\tN").

#include <cstdint>
#include <string>
#include <string_view>

namespace goroutine {

// The count in one line of either file form; false when the line has none.
bool ParseThreadCountLine(std::string_view line, int64_t* threads);

// `arg` is a number or a file name (".gz" too, "-" for stdin). False with
// *error when it is neither a number nor a readable file holding a count.
bool ReadThreadCount(const std::string& arg, int64_t* threads,
                     std::string* error);

}  // namespace goroutine

#endif  // COMMON_GOROUTINE_THREAD_COUNT_H_
