// heapdiff's --help text: usage line, summary, exit statuses and examples,
// apart from main.cc so that main stays flags in, library calls, exit
// code out.
#ifndef CMD_HEAPDIFF_HELP_TEXT_H_
#define CMD_HEAPDIFF_HELP_TEXT_H_

#include "common/cli/command.h"

namespace heapdiff_help {

inline constexpr char kUsage[] = "heapdiff [options] [BASE] PROFILE [MORE...]";

inline constexpr char kSummary[] =
    "Compares Go pprof profiles (heap, allocs, CPU, mutex, block, "
    "goroutine),\ngzipped or raw protobuf, or legacy text heap profiles "
    "(?debug=1).\n  heapdiff A           -top of A (like go tool pprof "
    "-top)\n"
    "  heapdiff A B         what changed from A to B (like -top -base A B)\n"
    "  heapdiff A B C ...   per call path series; leak suspects (the leak\n"
    "                       rule: README \"heapdiff\") first";

inline cli::HelpEnd End() {
  return {
      "0 success, 1 --fail-on-leak found a leak suspect, 2 bad usage or "
      "unreadable input",
      {"heapdiff heap.pb.gz", "heapdiff --nodecount 10 1.heap 2.heap",
       "heapdiff -sample_index=alloc_space -cum -base 1.heap 2.heap",
       "heapdiff --fail-on-leak 1.heap 2.heap 3.heap 4.heap"}};
}

}  // namespace heapdiff_help

#endif  // CMD_HEAPDIFF_HELP_TEXT_H_
