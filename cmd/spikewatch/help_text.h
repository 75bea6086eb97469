// spikewatch's --help text: usage line, summary, exit statuses and examples,
// apart from main.cc so that main stays flags in, library calls, exit
// code out.
#ifndef CMD_SPIKEWATCH_HELP_TEXT_H_
#define CMD_SPIKEWATCH_HELP_TEXT_H_

#include "common/cli/command.h"

namespace spikewatch_help {

inline constexpr char kUsage[] =
    "spikewatch [options] --rule RULE... (--url URL | --pid PID "
    "| --replay FILE)";

inline constexpr char kSummary[] =
    "Watches a Go service (--url, its net/http/pprof) and/or a process\n"
    "(--pid) and, when a metric spikes, keeps the evidence: profiles in\n"
    "OUT/<UTC time>-<metric>/ with report.txt. One line on stdout per "
    "event.\nSIGUSR1 captures now; SIGTERM/SIGINT finish the capture and "
    "exit 0.";

inline cli::HelpEnd End() {
  return {
      "0 the watch ended, 2 bad flags or rules, no such --pid, an OUT that "
      "cannot be made, or (--replay) an unreadable file",
      {"spikewatch --url http://127.0.0.1:6060 --rule goroutines:min=1000,"
       "diff=50%",
       "spikewatch --pid \"$(pidof mysvc)\" --rule rss:diff=30%,abs=2GiB "
       "-o /var/tmp/spikes",
       "spikewatch --replay samples.txt --window 4 --rule "
       "goroutines:min=100,diff=50%"}};
}

}  // namespace spikewatch_help

#endif  // CMD_SPIKEWATCH_HELP_TEXT_H_
