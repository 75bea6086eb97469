#ifndef COMMON_WATCH_SUBPROCESS_H_
#define COMMON_WATCH_SUBPROCESS_H_

// Runs a helper program (perf) with its standard output in a file, its
// standard error kept for the message, and a time limit.

#include <string>
#include <vector>

namespace watch {

// Runs argv[0] (looked up on PATH) with stdout into `stdout_path` ("" =
// /dev/null). Kills it after `timeout` seconds. Returns true when it exited
// with status 0; otherwise *error says why, with the last line it wrote on
// stderr.
bool RunProgram(const std::vector<std::string>& argv,
                const std::string& stdout_path, double timeout,
                std::string* error);

// Whether `name` is an executable on PATH.
bool OnPath(const std::string& name);

}  // namespace watch

#endif  // COMMON_WATCH_SUBPROCESS_H_
