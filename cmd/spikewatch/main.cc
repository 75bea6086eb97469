// spikewatch: watches a Go service (--url) and/or any process (--pid) and
// keeps the evidence when a metric spikes. Flags in, library calls, exit
// code out.
#include <memory>
#include <string>

#include "cmd/spikewatch/help_text.h"
#include "common/cli/command.h"
#include "common/cli/exit_codes.h"
#include "common/io/bad_lines.h"
#include "common/io/input_file.h"
#include "common/io/line_reader.h"
#include "common/io/output_buffer.h"
#include "common/io/run.h"
#include "common/watch/config.h"
#include "common/watch/replay.h"
#include "common/watch/rule_engine.h"
#include "common/watch/watcher.h"

namespace {

namespace po = cli::po;

void AddFlags(cli::Command* cmd, watch::WatchFlags* f) {
  // clang-format off
  cmd->options().add_options()
    ("url", po::value(&f->url), "the Go service's net/http/pprof "
     "(http://127.0.0.1:6060)")
    ("pid", po::value(&f->pid), "a process to watch through /proc/PID (any "
     "language; perf for its CPU profile)")
    ("rule", po::value(&f->rules)->composing(), "METRIC:min=N,diff=P%,abs=M "
     "(any subset; once per metric). METRIC: goroutines, threads, rss, cpu, "
     "heap")
    ("interval", po::value(&f->interval)->default_value(f->interval),
     "time between samples")
    ("window", po::value(&f->window)->default_value(f->window),
     "samples in the moving average; no rule fires before there are this "
     "many")
    ("cooldown", po::value(&f->cooldown)->default_value(f->cooldown),
     "a metric stays quiet this long after it fired")
    ("out,o", po::value(&f->out)->default_value(f->out),
     "folder for the captures (OUT/<UTC time>-<metric>/)")
    ("duration", po::value(&f->duration), "stop after this long (exit 0)")
    ("max-captures", po::value(&f->max_captures), "stop after N captures")
    ("disk-budget", po::value(&f->disk_budget)->default_value(f->disk_budget),
     "remove the oldest captures when OUT holds more")
    ("cpu-seconds", po::value(&f->cpu_seconds)->default_value(f->cpu_seconds),
     "length of a CPU profile")
    ("connect-timeout", po::value(&f->connect_timeout)
       ->default_value(f->connect_timeout), "HTTP connect timeout")
    ("timeout", po::value(&f->timeout)->default_value(f->timeout),
     "HTTP request timeout (a CPU profile gets its length on top)")
    ("replay", po::value(&f->replay), "apply the rules to FILE's lines "
     "'SECONDS METRIC VALUE' instead of a target; print the fires")
    ("strict", "--replay: stop at the first malformed line");
  // clang-format on
}

int Replay(const cli::Command& cmd, const watch::WatchConfig& config) {
  std::string error;
  auto in = io::InputFile::Open(config.replay, &error);
  if (!in) {
    cmd.Error(error);
    return cli::kExitBadInput;
  }
  watch::RuleEngine engine(config.rules, config.engine);
  watch::Replayer replayer(&engine);
  io::BadLineSink bad(cmd.Has("strict"));
  bad.set_source(in->name());
  io::LineReader reader(in.get());
  io::OutputBuffer out;
  const bool ok = watch::ReplayLines(&reader, &replayer, &out, &bad);
  if (!reader.ok()) {
    cmd.Error(reader.error());
    return cli::kExitBadInput;
  }
  if (!ok && bad.stopped()) {
    cmd.StoppedAtBadLine(true, bad.first());
    return cli::kExitBadInput;
  }
  if (!out.Flush()) {
    cmd.Error("cannot write the output");
    return cli::kExitBadInput;
  }
  cmd.SummariseBadLines(bad.count(), bad.first());
  return cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  cli::Command cmd("spikewatch", spikewatch_help::kUsage,
                   spikewatch_help::kSummary, spikewatch_help::End());
  watch::WatchFlags flags;
  AddFlags(&cmd, &flags);
  io::InputLimits limits;
  cmd.AddInputLimitOptions(&limits.max_whole_input, &limits.max_line);
  if (auto code = cmd.Parse(argc, argv)) return *code;
  io::SetUpRun(cmd.name(), limits);
  if (!cmd.inputs().empty()) {
    return cmd.UsageError("unexpected argument " + cmd.inputs()[0]);
  }
  watch::WatchConfig config;
  const std::string usage = watch::ResolveWatchFlags(flags, &config);
  if (!usage.empty()) return cmd.UsageError(usage);
  if (!config.replay.empty()) return Replay(cmd, config);
  std::string error;
  if (!watch::Watch(config, &error)) {
    cmd.Error(error);
    return cli::kExitBadInput;
  }
  return cli::kExitOk;
}
