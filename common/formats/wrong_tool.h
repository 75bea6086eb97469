#ifndef COMMON_FORMATS_WRONG_TOOL_H_
#define COMMON_FORMATS_WRONG_TOOL_H_

#include <string>
#include <string_view>
#include <vector>

namespace formats {

// When a tool could read nothing from its inputs, what the first of them
// that is another tool's format really is, and the command that reads it,
// as a sentence to append to the error: " (cpu.pb.gz is a pprof profile:
// fold it first: stackfold cpu.pb.gz | flamesvg > cpu.svg)". Decided with
// the same probes as stackfold's detection, on a fresh look at each file.
// Empty when it cannot tell (standard input, unreadable, unknown), or the
// file is of a format `tool` reads. `tool` is "flamesvg", "heapdiff" or
// "goleak-cluster".
std::string WrongToolHint(const std::vector<std::string>& paths,
                          std::string_view tool);

}  // namespace formats

#endif  // COMMON_FORMATS_WRONG_TOOL_H_
