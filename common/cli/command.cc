#include "common/cli/command.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iostream>

#include "common/cli/exit_codes.h"

namespace cli {

void PrintError(std::string_view tool, std::string_view message) {
  std::string line;
  line.reserve(tool.size() + message.size() + 3);
  line.append(tool).append(": ").append(message).push_back('\n');
  // One write keeps lines from different tools in a pipeline whole.
  ssize_t ignored = ::write(2, line.data(), line.size());
  (void)ignored;
}

Command::Command(std::string name, std::string usage, std::string summary,
                 HelpEnd help_end)
    : name_(std::move(name)),
      usage_(std::move(usage)),
      summary_(std::move(summary)),
      help_end_(std::move(help_end)),
      options_("Options"),
      limits_("Input limits") {}

void Command::AddInputLimitOptions(uint64_t* max_input_bytes,
                                   uint64_t* max_line_bytes) {
  max_input_bytes_ = max_input_bytes;
  max_line_bytes_ = max_line_bytes;
  if (max_input_bytes != nullptr) {
    max_input_mib_ = *max_input_bytes >> 20;
    limits_.add_options()(
        "max-input-mib", po::value<uint64_t>(&max_input_mib_),
        ("largest input read whole (pprof profiles), in MiB after "
         "decompression (default " +
         std::to_string(max_input_mib_) + ")")
            .c_str());
  }
  if (max_line_bytes != nullptr) {
    max_line_mib_ = *max_line_bytes >> 20;
    limits_.add_options()(
        "max-line-mib", po::value<uint64_t>(&max_line_mib_),
        ("longest line kept, in MiB; a longer one is one malformed line "
         "(default " +
         std::to_string(max_line_mib_) + ")")
            .c_str());
  }
}

std::optional<int> Command::ApplyInputLimits() const {
  constexpr uint64_t kMaxMiB = uint64_t{1} << 40;
  if (max_input_bytes_ != nullptr) {
    if (max_input_mib_ == 0 || max_input_mib_ > kMaxMiB) {
      return UsageError("--max-input-mib must be between 1 and 2^40");
    }
    *max_input_bytes_ = max_input_mib_ << 20;
  }
  if (max_line_bytes_ != nullptr) {
    if (max_line_mib_ == 0 || max_line_mib_ > kMaxMiB) {
      return UsageError("--max-line-mib must be between 1 and 2^40");
    }
    *max_line_bytes_ = max_line_mib_ << 20;
  }
  return std::nullopt;
}

void Command::Error(std::string_view message) const {
  PrintError(name_, message);
}

void Command::Warn(std::string_view message) const {
  PrintError(name_, std::string("warning: ").append(message));
}

int Command::UsageError(std::string_view message) const {
  PrintError(name_, std::string(message) + " (try --help)");
  return kExitBadInput;
}

int Command::FlushedOutput() const {
  // A full disk or a closed pipe must not pass for success.
  if (std::cout.flush()) return kExitOk;
  Error("cannot write to standard output");
  return kExitBadInput;
}

bool Command::StoppedAtBadLine(bool stopped, std::string_view first) const {
  if (!stopped) return false;
  Error(std::string("malformed line at ").append(first));
  return true;
}

void Command::SummariseBadLines(uint64_t count, std::string_view first) const {
  if (count == 0) return;
  Warn("skipped " + std::to_string(count) +
       (count == 1 ? " malformed line" : " malformed lines") +
       " (first: " + std::string(first) + ")");
}

void Command::PrintHelp(const po::options_description& common) const {
  std::cout << "Usage: " << usage_ << "\n\n"
            << summary_ << "\n\n"
            << options_ << "\n";
  if (!limits_.options().empty()) std::cout << limits_ << "\n";
  std::cout << common << "\n"
            << "Exit status: "
            << (help_end_.exit_status.empty()
                    ? "0 success, 2 bad usage or unreadable input"
                    : help_end_.exit_status)
            << ".\n";
  if (!help_end_.examples.empty()) {
    std::cout << "\nExamples:\n";
    for (const std::string& example : help_end_.examples) {
      std::cout << "  " << example << "\n";
    }
  }
}

std::vector<std::string> Command::GoStyleToLong(
    int argc, char** argv, const po::options_description& all) const {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    const bool one_dash = arg.size() > 2 && arg[0] == '-' && arg[1] != '-' &&
                          std::isalpha(static_cast<unsigned char>(arg[1]));
    if (one_dash) {
      std::string name = arg.substr(1, arg.find('=') - 1);
      std::replace(name.begin(), name.end(), '_', '-');
      if (name.size() > 1 && all.find_nothrow(name, false) != nullptr) {
        const size_t eq = arg.find('=');
        arg = "--" + name + (eq == std::string::npos ? "" : arg.substr(eq));
      }
    }
    args.push_back(std::move(arg));
  }
  return args;
}

std::optional<int> Command::Parse(int argc, char** argv, StdinUse stdin_use,
                                  FlagStyle style) {
  po::options_description all;
  po::options_description common("Common options");
  common.add_options()("help,h", "show this help and exit")(
      "version", "print the version and exit");
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(),
                       "input files");
  all.add(options_).add(common).add(hidden);
  if (!limits_.options().empty()) all.add(limits_);
  po::positional_options_description positional;
  positional.add("input", -1);
  try {
    if (style == kGoStyleFlags) {
      po::store(po::command_line_parser(GoStyleToLong(argc, argv, all))
                    .options(all)
                    .positional(positional)
                    .run(),
                vars_);
    } else {
      po::store(po::command_line_parser(argc, argv)
                    .options(all)
                    .positional(positional)
                    .run(),
                vars_);
    }
    po::notify(vars_);
  } catch (const po::error& e) {
    return UsageError(e.what());
  }
  if (vars_.count("help")) {
    PrintHelp(common);
    return FlushedOutput();
  }
  if (vars_.count("version")) {
    std::cout << name_ << " " << STACKTOOLS_VERSION << "\n";
    return FlushedOutput();
  }
  if (vars_.count("input")) {
    inputs_ = vars_["input"].as<std::vector<std::string>>();
  }
  if (auto code = ApplyInputLimits()) return code;
  if (stdin_use == kReadsStdin && inputs_.empty() && ::isatty(STDIN_FILENO)) {
    return UsageError(
        "no input: name a FILE, or pipe data in (standard input is a "
        "terminal)");
  }
  return std::nullopt;
}

}  // namespace cli
