// stackfold's --help text: usage line, summary, exit statuses and examples,
// apart from main.cc so that main stays flags in, library calls, exit
// code out.
#ifndef CMD_STACKFOLD_HELP_TEXT_H_
#define CMD_STACKFOLD_HELP_TEXT_H_

#include "common/cli/command.h"

namespace stackfold_help {

inline constexpr char kUsage[] = "stackfold [options] [FILE...]";

inline constexpr char kSummary[] =
    "Folds profiles into stacks, one line each:  root;...;leaf COUNT\n"
    "Inputs (files or stdin, .gz too, detected by content): `perf script`\n"
    "text, pprof profiles (CPU, heap, allocs, mutex, block, goroutine),\n"
    "Go text profiles (heap and goroutine ?debug=1), goroutine dumps\n"
    "(?debug=2, SIGQUIT, crash output) and folded text. Several inputs are\n"
    "summed. perf: COUNT is the sum of the period column when perf printed\n"
    "one, else samples.";

inline cli::HelpEnd End() {
  return {"",
          {"perf script | stackfold | flamesvg > cpu.svg",
           "stackfold cpu.pb.gz | flamesvg --countname nanoseconds > cpu.svg",
           "stackfold --trim-runtime goroutines.txt | flamesvg > stuck.svg",
           "stackfold --merge host1.folded host2.folded > all.folded"}};
}

}  // namespace stackfold_help

#endif  // CMD_STACKFOLD_HELP_TEXT_H_
