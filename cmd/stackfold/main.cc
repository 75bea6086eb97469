// stackfold: `perf script` output -> folded stacks ("root;...;leaf COUNT"),
// sorted in byte order, as FlameGraph's stackcollapse-perf.pl prints them.
#include <string>
#include <thread>
#include <vector>

#include "common/cli/command.h"
#include "common/cli/exit_codes.h"
#include "common/io/input_file.h"
#include "common/io/output_buffer.h"
#include "common/perf/collapser.h"
#include "common/stack/folded_text.h"

int main(int argc, char** argv) {
  cli::Command cmd("stackfold", "stackfold [options] [FILE...]",
                   "Folds `perf script` output (files or stdin, .gz too) into "
                   "stacks, one line each:\n  root;...;leaf COUNT\nCOUNT sums "
                   "the period column when perf printed one, else samples.");
  perf::CollapseOptions opt;
  int threads = 0;
  cmd.options().add_options()                                              //
      ("pid", cli::po::bool_switch(&opt.include_pid),                      //
       "root frame is comm-PID")                                           //
      ("tid", cli::po::bool_switch(&opt.include_tid),                      //
       "root frame is comm-PID/TID")                                       //
      ("kernel", cli::po::bool_switch(&opt.annotate_kernel),               //
       "annotate kernel frames with _[k]")                                 //
      ("jit", cli::po::bool_switch(&opt.annotate_jit),                     //
       "annotate JIT frames (/tmp/perf-PID.map) with _[j]")                //
      ("all", "both --kernel and --jit")                                   //
      ("addrs", cli::po::bool_switch(&opt.include_addrs),                  //
       "keep the address of unresolved frames: [dso <ADDR>]")              //
      ("srcline", cli::po::bool_switch(&opt.srcline),                      //
       "input is `perf script -F +srcline`: append file:line to frames")   //
      ("event-filter", cli::po::value<std::string>(&opt.event_filter),     //
       "keep samples of EVENT only (default: the first event seen)")       //
      ("threads", cli::po::value<int>(&threads),                           //
       "worker threads (default: all cores); output is the same for any")  //
      ("strict", "fail (exit 2) on the first malformed line");
  if (auto code = cmd.Parse(argc, argv)) return *code;
  if (cmd.Has("all")) opt.annotate_kernel = opt.annotate_jit = true;
  if (threads <= 0) {
    threads = static_cast<int>(std::thread::hardware_concurrency());
    if (threads <= 0) threads = 1;
  }
  if (cmd.vars().count("threads") && cmd.vars()["threads"].as<int>() <= 0) {
    return cmd.UsageError("--threads must be at least 1");
  }

  std::vector<std::string> inputs = cmd.inputs();
  if (inputs.empty()) inputs.push_back("-");
  perf::Collapser collapser(opt, threads);
  for (const std::string& path : inputs) {
    std::string error;
    auto in = io::InputFile::Open(path, &error);
    if (!in) {
      cmd.Error(error);
      return cli::kExitBadInput;
    }
    if (!collapser.Add(in.get())) {
      cmd.Error(collapser.error());
      return cli::kExitBadInput;
    }
  }
  const cli::BadLines& bad = collapser.bad_lines();
  if (cmd.Has("strict") && bad.count() > 0) {
    cmd.Error("malformed line at " + bad.first());
    return cli::kExitBadInput;
  }

  io::OutputBuffer out;
  stack::WriteFoldedSorted(collapser.result(), &out);
  if (!out.Flush()) {
    cmd.Error("cannot write to standard output");
    return cli::kExitBadInput;
  }
  uint64_t skipped = 0;
  std::string events;
  for (const auto& [event, n] : collapser.filtered()) {
    skipped += n;
    events += (events.empty() ? "" : ", ") + event + ": " + std::to_string(n);
  }
  if (skipped > 0) {
    cmd.Warn("kept event " + collapser.event() + "; skipped " +
             std::to_string(skipped) + " samples of other events (" + events +
             "); choose with --event-filter");
  }
  if (bad.count() > 0) cmd.Warn(bad.Summary());
  return cli::kExitOk;
}
