// goleak-cluster: groups the goroutines of a Go goroutine dump and names the
// leak suspects first. Flags in, library calls, exit code out.
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "cmd/goleak-cluster/help_text.h"
#include "common/cli/command.h"
#include "common/cli/duration.h"
#include "common/cli/exit_codes.h"
#include "common/formats/wrong_tool.h"
#include "common/goroutine/analysis.h"
#include "common/goroutine/folded.h"
#include "common/goroutine/json_report.h"
#include "common/goroutine/text_report.h"
#include "common/goroutine/thread_count.h"
#include "common/io/bad_lines.h"
#include "common/io/output_buffer.h"
#include "common/io/run.h"
#include "common/stack/folded_text.h"

namespace {

// Loads `files` into *out; the exit code when the run stops (bad input).
int Load(const cli::Command& cmd, const std::vector<std::string>& files,
         goroutine::Similarity similarity, io::BadLineSink* bad,
         stack::SymbolTable* symbols, goroutine::LoadedDump* out) {
  std::string error;
  if (!goroutine::LoadDumps(files, similarity, symbols, bad, out, &error)) {
    cmd.Error(error);
    return cli::kExitBadInput;
  }
  if (cmd.StoppedAtBadLine(bad->stopped(), bad->first())) {
    return cli::kExitBadInput;
  }
  if (out->info.goroutines == 0) {
    cmd.Error((out->names.size() == 1 ? out->names[0] : "input") +
              ": no goroutines found (not a Go goroutine dump?)" +
              formats::WrongToolHint(files, "goleak-cluster"));
    return cli::kExitBadInput;
  }
  for (const std::string& w : goroutine::LoadWarnings(*out)) cmd.Warn(w);
  return cli::kExitOk;
}

// Writes the report the flags ask for; false when stdout fails.
bool Write(const cli::Command& cmd, const goroutine::Analysis& analysis,
           const std::string& color) {
  io::OutputBuffer out;
  if (cmd.Has("json")) {
    out.Write(goroutine::WriteJsonReport(analysis));
  } else if (cmd.Has("folded")) {
    stack::FoldedStacks folded;
    goroutine::AddFoldedClusters(analysis, goroutine::FoldedOptions(), &folded);
    stack::WriteFoldedSorted(folded, &out);
  } else {
    goroutine::TextOptions text;
    text.color = color == "always" || (color == "auto" && ::isatty(1));
    text.show_stacks = !cmd.Has("no-stacks");
    out.Write(goroutine::WriteTextReport(analysis, text));
  }
  return out.Flush();
}

int Run(int argc, char** argv) {
  cli::Command cmd("goleak-cluster", goleak_cluster_help::kUsage,
                   goleak_cluster_help::kSummary, goleak_cluster_help::End());
  std::string similarity = "lines", color = "auto", threads, min_wait = "0";
  std::vector<std::string> bases;
  goroutine::AnalysisOptions options;
  cmd.options().add_options()(
      "base", cli::po::value(&bases),
      "an earlier dump of the same process: per cluster new, grew, shrank, "
      "gone; repeat it, oldest first, for growth at every dump")(
      "similarity", cli::po::value(&similarity)->default_value("lines"),
      "exact (argument values too) | lines (function + file:line) | "
      "functions (ignore line numbers)")(
      "json", "JSON report (total, clusters[], locks[], inversions[])")(
      "folded", "folded stacks, one line per cluster weighted by count")(
      "fail-on-leak",
      "exit 1 when leak suspects (proven, growing, pile-up) are found (with "
      "--base: when suspect clusters are new or grew)")(
      "min-count", cli::po::value(&options.min_count)->default_value(1),
      "hide clusters with fewer goroutines")(
      "min-wait", cli::po::value(&min_wait)->default_value("0"),
      "hide clusters whose longest wait is shorter: 30s, 5m, 1h, or minutes")(
      "filter", cli::po::value(&options.filter),
      "keep clusters whose state, frames or creator match this RE2")(
      "color", cli::po::value(&color)->default_value("auto"),
      "auto | always | never")("no-stacks",
                               "text report: one line per suspect, no frames")(
      "threads", cli::po::value(&threads),
      "OS threads of the process: N, a threadcreate profile or "
      "/proc/PID/status (for cgo/syscall pile-ups)")(
      "strict", "treat the first malformed line as fatal");
  io::InputLimits limits;
  cmd.AddInputLimitOptions(&limits.max_whole_input, &limits.max_line);
  if (auto code = cmd.Parse(argc, argv, cli::kReadsStdin)) return *code;
  io::SetUpRun(cmd.name(), limits);
  if (!goroutine::ParseSimilarity(similarity, &options.similarity)) {
    return cmd.UsageError("--similarity must be exact, lines or functions");
  }
  if (color != "auto" && color != "always" && color != "never") {
    return cmd.UsageError("--color must be auto, always or never");
  }
  if (cmd.Has("json") && cmd.Has("folded")) {
    return cmd.UsageError("--json and --folded exclude each other");
  }
  std::string error;
  if (!cli::ParseDuration(min_wait, cli::DurationUnit::kMinutes,
                          &options.min_wait_seconds, &error)) {
    return cmd.UsageError("--min-wait: " + error);
  }
  if (!threads.empty() &&
      !goroutine::ReadThreadCount(threads, &options.threads, &error)) {
    cmd.Error("--threads: " + error);
    return cli::kExitBadInput;
  }
  goroutine::Analysis analysis;
  analysis.symbols = std::make_unique<stack::SymbolTable>();
  io::BadLineSink bad(cmd.Has("strict"));
  analysis.has_base = !bases.empty();
  for (size_t i = 0; i <= bases.size(); ++i) {
    const bool last = i == bases.size();
    goroutine::LoadedDump& to = last ? analysis.now
                                : i + 1 < bases.size()
                                    ? analysis.earlier.emplace_back()
                                    : analysis.base;
    const std::vector<std::string> files =
        last ? cmd.inputs() : std::vector<std::string>{bases[i]};
    if (int code = Load(cmd, files, options.similarity, &bad,
                        analysis.symbols.get(), &to)) {
      return code;
    }
  }
  if (!goroutine::Analyze(options, &analysis, &error))
    return cmd.UsageError(error);
  if (!Write(cmd, analysis, color)) {
    cmd.Error("cannot write to standard output");
    return cli::kExitBadInput;
  }
  cmd.SummariseBadLines(bad.count(), bad.first());
  if (cmd.Has("fail-on-leak") && goroutine::FailingClusters(analysis) > 0) {
    return cli::kExitFinding;
  }
  return cli::kExitOk;
}

}  // namespace
int main(int argc, char** argv) { return Run(argc, argv); }
