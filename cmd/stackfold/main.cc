// stackfold: any profile input -> folded stacks ("root;...;leaf COUNT"),
// sorted in byte order as FlameGraph's stackcollapse-perf.pl prints them.
// Reads `perf script` text, pprof profiles, Go text profiles, goroutine
// dumps and folded text, detected by content.
#include <algorithm>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cmd/stackfold/help_text.h"
#include "common/cli/command.h"
#include "common/cli/exit_codes.h"
#include "common/formats/input_folder.h"
#include "common/io/input_file.h"
#include "common/io/output_buffer.h"
#include "common/io/run.h"
#include "common/stack/folded_text.h"

namespace po = cli::po;

namespace {

// The command line as given, before it is checked.
struct Flags {
  formats::FoldOptions fold;
  std::string format_name;
  int threads = 0;
  io::InputLimits limits;
};

void AddFlags(cli::Command* cmd, Flags* flags) {
  formats::FoldOptions& opt = flags->fold;
  perf::CollapseOptions& perf_opt = opt.perf;
  po::options_description perf_options("perf script input");
  perf_options.add_options()                                              //
      ("pid", po::bool_switch(&perf_opt.include_pid),                     //
       "root frame is comm-PID")                                          //
      ("tid", po::bool_switch(&perf_opt.include_tid),                     //
       "root frame is comm-PID/TID")                                      //
      ("kernel", po::bool_switch(&perf_opt.annotate_kernel),              //
       "annotate kernel frames with _[k]")                                //
      ("jit", po::bool_switch(&perf_opt.annotate_jit),                    //
       "annotate JIT frames (/tmp/perf-PID.map) with _[j]")               //
      ("all", "both --kernel and --jit")                                  //
      ("addrs", po::bool_switch(&perf_opt.include_addrs),                 //
       "keep the address of unresolved frames: [dso <ADDR>]")             //
      ("srcline", po::bool_switch(&perf_opt.srcline),                     //
       "input is `perf script -F +srcline`: append file:line to frames")  //
      ("event-filter", po::value<std::string>(&perf_opt.event_filter),    //
       "keep samples of EVENT only (default: the first event seen)")      //
      ("threads", po::value<int>(&flags->threads),                        //
       "worker threads (default: all cores); output is the same for any");
  po::options_description go_options("pprof profiles and goroutine dumps");
  go_options.add_options()                                                 //
      ("sample-index", po::value<std::string>(&opt.sample_index),          //
       "pprof value to count, by name or number (default: the profile's "  //
       "default type: cpu, inuse_space, delay, ...)")                      //
      ("lines", po::bool_switch(&opt.lines),                               //
       "append :file:line to each frame")                                  //
      ("tag", po::value<std::string>(&opt.tag),                            //
       "put the value of pprof label KEY in as the root frame")            //
      ("inline-marker", po::bool_switch(&opt.inline_marker),               //
       "append \" (inline)\" to inlined frames")                           //
      ("trim-runtime", po::bool_switch(&opt.trim_runtime),                 //
       "drop the runtime.goexit / runtime.main / runtime.mstart roots")    //
      ("keep-shapes", po::bool_switch(&opt.keep_shapes),                   //
       "keep generic shape names F[go.shape.int] (default: F[...])");
  const std::string format_help =
      "input format instead of detecting it: " + formats::FormatNames();
  cmd->options().add_options()  //
      ("format", po::value<std::string>(&flags->format_name),
       format_help.c_str())                                                  //
      ("merge", "inputs are folded files to sum (same as --format folded)")  //
      ("strict", "fail (exit 2) on the first malformed line");
  cmd->options().add(perf_options).add(go_options);
  cmd->AddInputLimitOptions(&flags->limits.max_whole_input,
                            &flags->limits.max_line);
}

// Checks the flags and fills in what they imply; an exit code on a usage
// error.
std::optional<int> Resolve(const cli::Command& cmd, Flags* f) {
  Flags& flags = *f;
  formats::FoldOptions& opt = flags.fold;
  const unsigned cores = std::thread::hardware_concurrency();
  if (cmd.Has("all")) opt.perf.annotate_kernel = opt.perf.annotate_jit = true;
  if (cmd.Has("threads") && flags.threads <= 0) {
    return cmd.UsageError("--threads must be at least 1");
  }
  opt.threads = flags.threads > 0 ? flags.threads : std::max(1u, cores);
  opt.strict = cmd.Has("strict");
  io::SetUpRun(cmd.name(), flags.limits);
  opt.max_input_bytes = flags.limits.max_whole_input;
  if (cmd.Has("merge")) flags.format_name = "folded";
  if (!flags.format_name.empty() &&
      !formats::ParseFormatName(flags.format_name, &opt.format)) {
    return cmd.UsageError("unknown --format " + flags.format_name +
                          " (one of " + formats::FormatNames() + ")");
  }
  return std::nullopt;
}

// Folds every input and writes the result; the exit code.
int Run(const cli::Command& cmd, const formats::FoldOptions& opt) {
  formats::InputFolder folder(opt);
  std::string error;
  if (!folder.AddFiles(cmd.inputs(), &error)) {
    cmd.Error(error);
    return cli::kExitBadInput;
  }
  const io::BadLineSink& bad = folder.bad_lines();
  if (cmd.StoppedAtBadLine(bad.stopped(), bad.first())) {
    return cli::kExitBadInput;
  }

  io::OutputBuffer out;
  stack::WriteFoldedSorted(folder.result(), &out);
  if (!out.Flush()) {
    cmd.Error("cannot write to standard output");
    return cli::kExitBadInput;
  }
  for (const std::string& w : folder.warnings()) cmd.Warn(w);
  cmd.SummariseBadLines(bad.count(), bad.first());
  return cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  cli::Command cmd("stackfold", stackfold_help::kUsage,
                   stackfold_help::kSummary, stackfold_help::End());
  Flags flags;
  AddFlags(&cmd, &flags);
  if (auto code = cmd.Parse(argc, argv, cli::kReadsStdin)) return *code;
  if (auto code = Resolve(cmd, &flags)) return *code;
  return Run(cmd, flags.fold);
}
