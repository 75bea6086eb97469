// goleak-cluster's --help text: usage line, summary, exit statuses and
// examples, apart from main.cc so that main stays flags in, library calls, exit
// code out.
#ifndef CMD_GOLEAK_CLUSTER_HELP_TEXT_H_
#define CMD_GOLEAK_CLUSTER_HELP_TEXT_H_

#include "common/cli/command.h"

namespace goleak_cluster_help {

inline constexpr char kUsage[] = "goleak-cluster [options] [DUMP...]";

inline constexpr char kSummary[] =
    "Clusters the goroutines of Go goroutine dumps (?debug=2, ?debug=1,\n"
    "panic/fatal error/SIGQUIT output; files or stdin, .gz too) and lists\n"
    "the leak suspects first. With --base, reports which clusters grew.";

inline cli::HelpEnd End() {
  return {
      "0 success (suspects too, without --fail-on-leak), 1 --fail-on-leak "
      "found a suspect, 2 bad usage, unreadable input or no goroutines",
      {"curl -s 'localhost:6060/debug/pprof/goroutine?debug=2' | "
       "goleak-cluster",
       "goleak-cluster --no-stacks --base before.txt after.txt",
       "goleak-cluster --folded dump.txt | flamesvg > goroutines.svg"}};
}

}  // namespace goleak_cluster_help

#endif  // CMD_GOLEAK_CLUSTER_HELP_TEXT_H_
