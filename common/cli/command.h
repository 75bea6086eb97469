#ifndef COMMON_CLI_COMMAND_H_
#define COMMON_CLI_COMMAND_H_

#include <boost/program_options.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cli {

namespace po = boost::program_options;

// The shared front of every tool: its name, a usage line, a summary, and
// its options. Parse() adds --help and --version, collects positional
// arguments as input files, and turns option errors into the usage exit
// code, so every main.cc reads the same way.
enum StdinUse { kNoStdin, kReadsStdin };

// Go tools spell long flags with one dash and underscores (go tool pprof
// -sample_index=alloc_space -nodecount=5). With kGoStyleFlags, such an
// argument whose name matches one of the tool's long options (with '_'
// read as '-') is read as that option; anything else is left as it is.
enum FlagStyle { kPosixFlags, kGoStyleFlags };

// The end of --help, after the options: the exit statuses the tool really
// uses (empty: "0 success, 2 bad usage or unreadable input") and 2-4
// command lines to copy, printed last so they stay on the screen.
struct HelpEnd {
  std::string exit_status;
  std::vector<std::string> examples;
};

class Command {
 public:
  Command(std::string name, std::string usage, std::string summary,
          HelpEnd help_end = {});

  // Options of the tool; add to it before Parse().
  po::options_description& options() { return options_; }

  // Adds --max-input-mib and/or --max-line-mib (README "Input limits"):
  // the values pointed to are the defaults, in bytes, and Parse() stores
  // what the user gave there (nullptr: that flag is not taken). The tool
  // then hands them to its readers (io::SetUpRun).
  void AddInputLimitOptions(uint64_t* max_input_bytes,
                            uint64_t* max_line_bytes);

  // Parses argv. Returns an exit code when the program should stop now
  // (--help, --version, or a usage error already reported on stderr). A
  // tool that reads standard input when no file is named says kReadsStdin:
  // then no file and a terminal on stdin is a usage error too, since
  // nothing would ever arrive (a tired user would wait on a silent prompt).
  std::optional<int> Parse(int argc, char** argv, StdinUse stdin_use = kNoStdin,
                           FlagStyle style = kPosixFlags);

  const po::variables_map& vars() const { return vars_; }
  bool Has(const char* option) const { return vars_.count(option) > 0; }
  // Positional arguments (input files); empty means stdin.
  const std::vector<std::string>& inputs() const { return inputs_; }
  const std::string& name() const { return name_; }

  // Prints "name: message" on stderr.
  void Error(std::string_view message) const;
  // Prints "name: warning: message" on stderr.
  void Warn(std::string_view message) const;
  // Reports a usage error and returns the usage exit code.
  int UsageError(std::string_view message) const;

  // The bad-line outcome, printed the same way by every tool (README
  // "Malformed input"). Parsers report to an io::BadLineSink; the tool then
  // passes what the sink holds.
  //
  // Call after parsing, before any output: when a strict parse stopped at a
  // bad line, prints "tool: malformed line at FILE:LINE: REASON" and returns
  // true: the tool writes nothing and exits with kExitBadInput.
  bool StoppedAtBadLine(bool stopped, std::string_view first) const;
  // Call after writing the output: when lines were skipped, prints
  // "tool: warning: skipped N malformed lines (first: FILE:LINE: REASON)".
  void SummariseBadLines(uint64_t count, std::string_view first) const;

 private:
  // argv with Go-style flags ("-sample_index=x") as long options
  // ("--sample-index=x").
  std::vector<std::string> GoStyleToLong(
      int argc, char** argv, const po::options_description& all) const;

  // Checks the limit flags and stores them in bytes; a usage error code
  // when one is out of range.
  std::optional<int> ApplyInputLimits() const;

  // Prints --help: usage, summary, options, exit status, examples.
  void PrintHelp(const po::options_description& common) const;

  // Flushes --help/--version text: kExitOk, or kExitBadInput with a message
  // when it could not be written.
  int FlushedOutput() const;

  std::string name_;
  std::string usage_;
  std::string summary_;
  HelpEnd help_end_;
  po::options_description options_;
  po::options_description limits_;
  uint64_t* max_input_bytes_ = nullptr;
  uint64_t* max_line_bytes_ = nullptr;
  uint64_t max_input_mib_ = 0;
  uint64_t max_line_mib_ = 0;
  po::variables_map vars_;
  std::vector<std::string> inputs_;
};

// Prints "tool: message" on stderr (for code without a Command at hand).
void PrintError(std::string_view tool, std::string_view message);

}  // namespace cli

#endif  // COMMON_CLI_COMMAND_H_
