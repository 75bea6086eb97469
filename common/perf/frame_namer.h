#ifndef COMMON_PERF_FRAME_NAMER_H_
#define COMMON_PERF_FRAME_NAMER_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/perf/collapse_options.h"
#include "common/perf/frame_line.h"

namespace perf {

// Turns one frame line's symbol and dso into frame names the way
// stackcollapse-perf.pl does: "+0x.." offsets stripped, "[unknown]" named
// after its dso, C++/Java argument lists cut, quotes dropped, Java "->"
// inline chains split (later parts get "_[i]"), and the --kernel / --jit
// / --addrs annotations. Appends 0..n names to *names (0 for the process
// name frames perf sometimes prints, which the reference skips).
// `java` is true when the sample's comm starts with "java".
void NameFrame(const FrameLine& frame, bool java,
               const CollapseOptions& options, std::vector<std::string>* names);

// Cleans a `-F +srcline` line ("  perfgen.cpp:260") into "perfgen.cpp:260".
// Returns an empty view for lines without a file:line (e.g.
// "  [kernel.kallsyms][ffffffff8168a871]" or "  libc.so.6[2724a]").
std::string_view SrclineLocation(std::string_view line);

}  // namespace perf

#endif  // COMMON_PERF_FRAME_NAMER_H_
