// heapdiff: what grew between pprof profiles, with pprof's -top numbers, and
// which call paths of a snapshot series are leak suspects.
#include <cstdlib>
#include <string>
#include <vector>

#include "cmd/heapdiff/help_text.h"
#include "common/cli/command.h"
#include "common/cli/exit_codes.h"
#include "common/formats/wrong_tool.h"
#include "common/io/bad_lines.h"
#include "common/io/output_buffer.h"
#include "common/io/run.h"
#include "common/io/terminal_text.h"
#include "common/pprof/comparison_report.h"
#include "common/pprof/load.h"

int main(int argc, char** argv) {
  cli::Command cmd("heapdiff", heapdiff_help::kUsage, heapdiff_help::kSummary,
                   heapdiff_help::End());
  std::string sample_index, granularity = "functions", unit = "minimum", base;
  int nodecount = 0;
  pprof::DiffOptions o;
  pprof::TrendOptions trend;
  double min_share = trend.min_growth_share * 100;
  cmd.options().add_options()(
      "sample-index,s", cli::po::value(&sample_index),
      "sample type by name or number (default: the profile's default, "
      "else the last: inuse_space for heap)")(
      "base", cli::po::value(&base), "base profile (same as giving it first)")(
      "diff-base",
      "percentages of the base total (pprof -diff_base) instead of the sum "
      "of absolute changes (pprof -base)")("cum", "sort by cumulative value")(
      "top", "the -top table (the default; pprof's spelling)")(
      "nodecount", cli::po::value(&nodecount), "show at most N rows")(
      "granularity", cli::po::value(&granularity),
      "functions|filefunctions|lines|files|addresses")(
      "unit", cli::po::value(&unit),
      "output unit: minimum (default), auto, B, kB, MB, ms, s ...")(
      "focus", cli::po::value(&o.focus),
      "only samples with a frame matching this regexp")(
      "ignore", cli::po::value(&o.ignore),
      "drop samples with a frame matching this regexp")(
      "hide", cli::po::value(&o.hide), "remove frames matching this regexp")(
      "show", cli::po::value(&o.show), "keep only frames matching this regexp")(
      "all-types",
      "one table with every sample type per function, average object size "
      "and a status (new/gone/grown/shrunk)")(
      "folded", "the diff as folded stacks 'stack BEFORE AFTER' (flamesvg)")(
      "json", "JSON instead of the table")(
      "strict", "a malformed line in a legacy text profile is fatal")(
      "fail-on-leak",
      "with 3+ snapshots: exit 1 when a path is a leak suspect")(
      "leak-min-growth",
      cli::po::value(&trend.min_growth_granules)->default_value(4),
      "leak rule: net growth of at least N samples' worth ...")(
      "leak-min-share", cli::po::value(&min_share)->default_value(10),
      "... and of at least P percent of the path's first value")(
      "leak-fall-tolerance",
      cli::po::value(&trend.fall_tolerance)->default_value(1.5),
      "leak rule: a fall of more than N samples' worth below an earlier "
      "peak means the memory comes back (not a leak)");
  io::InputLimits limits;
  cmd.AddInputLimitOptions(&limits.max_whole_input, &limits.max_line);
  if (auto rc = cmd.Parse(argc, argv, cli::kReadsStdin, cli::kGoStyleFlags)) {
    return *rc;
  }
  io::SetUpRun(cmd.name(), limits);
  o.sample_index = sample_index;
  o.cum_sort = cmd.Has("cum");
  o.diff_base = cmd.Has("diff-base");
  o.node_count = nodecount;
  o.unit = unit;
  if (nodecount < 0) return cmd.UsageError("--nodecount must be >= 0");
  trend.min_growth_share = min_share / 100;
  if (!(trend.min_growth_granules >= 0) || !(min_share >= 0) ||
      !(trend.fall_tolerance >= 0)) {
    return cmd.UsageError("--leak-* thresholds must be numbers >= 0");
  }
  if (!pprof::ParseGranularity(granularity, &o.granularity)) {
    return cmd.UsageError("unknown --granularity " + granularity);
  }
  std::vector<std::string> inputs = cmd.inputs();
  if (!base.empty()) inputs.insert(inputs.begin(), base);
  if (inputs.empty()) inputs.push_back("-");
  const bool json = cmd.Has("json"), folded = cmd.Has("folded"),
             all_types = cmd.Has("all-types");
  if (json + folded + all_types > 1) {
    return cmd.UsageError("choose one of --json, --folded, --all-types");
  }
  if (inputs.size() > 2 && (folded || all_types)) {
    return cmd.UsageError("--folded and --all-types compare two profiles");
  }

  pprof::ReportView view = json        ? pprof::ReportView::kJson
                           : folded    ? pprof::ReportView::kFolded
                           : all_types ? pprof::ReportView::kAllTypes
                                       : pprof::ReportView::kTop;

  std::vector<pprof::LoadedProfile> profiles(inputs.size());
  io::BadLineSink bad_lines(cmd.Has("strict"));
  for (size_t i = 0; i < inputs.size() && !bad_lines.stopped(); ++i) {
    std::string err;
    if (!pprof::LoadProfile(inputs[i], &bad_lines, &profiles[i], &err)) {
      cmd.Error(err + formats::WrongToolHint({inputs[i]}, "heapdiff"));
      return cli::kExitBadInput;
    }
  }
  if (cmd.StoppedAtBadLine(bad_lines.stopped(), bad_lines.first())) {
    return cli::kExitBadInput;
  }

  std::string text, err;
  std::vector<std::string> warnings;
  bool ok = true, leak_found = false;
  if (inputs.size() > 2) {
    ok = pprof::WriteSnapshotSeries(&profiles, o, trend, json,
                                    nodecount > 0 ? nodecount : 10, &text,
                                    &leak_found, &err);
  } else {
    ok = pprof::WriteComparison(profiles.size() == 2 ? &profiles[0] : nullptr,
                                &profiles.back(), o, view, &text, &warnings,
                                &err);
  }
  if (!ok) {
    cmd.Error(err);
    return cli::kExitBadInput;
  }
  for (const std::string& w : warnings) cmd.Warn(w);
  // Function names come from the input: no terminal escapes in the text
  // reports. (--folded is data for flamesvg, kept byte for byte; JSON
  // escapes its own.)
  if (!folded && !json) io::ReplaceControlBytes(&text);
  io::OutputBuffer out;
  out.Write(text);
  if (!out.Flush()) {
    cmd.Error("cannot write the output");
    return cli::kExitBadInput;
  }
  cmd.SummariseBadLines(bad_lines.count(), bad_lines.first());
  // std::exit skips the destructors of main's locals: freeing millions of
  // small objects one by one is wasted time when the process ends anyway.
  std::exit(leak_found && cmd.Has("fail-on-leak") ? cli::kExitFinding
                                                  : cli::kExitOk);
}
