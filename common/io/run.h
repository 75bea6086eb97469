#ifndef COMMON_IO_RUN_H_
#define COMMON_IO_RUN_H_

#include <string_view>

#include "common/io/limits.h"

namespace io {

// What io knows of the running tool, set once by its main after the flags
// are parsed and before any input is read:
// - the input limits in force (--max-input-mib, --max-line-mib);
// - the tool's name, for the lines io prints itself;
// - an out-of-memory handler that says what was large (a file held whole,
//   or the stacks of a streamed file, with the bytes read so far and the
//   address-space limit) and exits with status 2 instead of aborting;
// - a SIGBUS handler: a mapped input truncated while it is read ends with
//   "TOOL: FILE: the file shrank while it was read (...)" and exit 2.
void SetUpRun(std::string_view tool, const InputLimits& limits);

// Prints "TOOL: warning: MESSAGE" on stderr, for a reader that goes on past
// something the user should know of (bytes after the gzip data, say).
void Warn(std::string_view message);

}  // namespace io

#endif  // COMMON_IO_RUN_H_
