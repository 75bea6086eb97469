// flamesvg's --help text: usage line, summary, exit statuses and examples,
// apart from main.cc so that main stays flags in, library calls, exit
// code out.
#ifndef CMD_FLAMESVG_HELP_TEXT_H_
#define CMD_FLAMESVG_HELP_TEXT_H_

#include "common/cli/command.h"

namespace flamesvg_help {

inline constexpr char kUsage[] =
    "flamesvg [options] [FILE...]   (FILE may be - or .gz)";

inline constexpr char kSummary[] =
    "Draws folded stacks (\"root;...;leaf COUNT\", or \"stack BEFORE AFTER\" "
    "for a\ndifferential graph) as an interactive flame graph SVG on "
    "standard output.\nOptions follow flamegraph.pl. Several files are "
    "merged; input need not be sorted.";

inline cli::HelpEnd End() {
  return {
      "0 success, 2 bad usage, an unreadable file or no valid input (a small "
      "SVG saying so is still written)",
      {"perf script | stackfold | flamesvg --title CPU > cpu.svg",
       "flamesvg --colors go --countname nanoseconds cpu.folded > cpu.svg",
       "flamesvg --diff before.folded after.folded > diff.svg",
       "heapdiff --folded 1.heap 2.heap | flamesvg --diff > grew.svg"}};
}

}  // namespace flamesvg_help

#endif  // CMD_FLAMESVG_HELP_TEXT_H_
