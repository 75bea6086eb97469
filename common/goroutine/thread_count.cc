#include "common/goroutine/thread_count.h"

#include <charconv>
#include <memory>

#include "common/goroutine/format_probe.h"
#include "common/io/input_file.h"
#include "common/io/line_reader.h"

namespace goroutine {
namespace {

bool ParseNumber(std::string_view s, int64_t* n) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  auto r = std::from_chars(s.data(), s.data() + s.size(), *n);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && *n >= 0;
}

}  // namespace

bool ParseThreadCountLine(std::string_view line, int64_t* threads) {
  uint64_t total;
  CountProfileKind kind;
  if (ParseCountProfileHeader(line, &total, &kind) &&
      kind == CountProfileKind::kThreadCreate) {
    *threads = static_cast<int64_t>(total);
    return true;
  }
  constexpr std::string_view kStatus = "Threads:";
  return line.substr(0, kStatus.size()) == kStatus &&
         ParseNumber(line.substr(kStatus.size()), threads);
}

bool ReadThreadCount(const std::string& arg, int64_t* threads,
                     std::string* error) {
  if (ParseNumber(arg, threads)) return true;
  std::unique_ptr<io::InputFile> in = io::InputFile::Open(arg, error);
  if (!in) return false;
  io::LineReader lines(in.get());
  std::string_view line;
  while (lines.Next(&line)) {
    if (ParseThreadCountLine(line, threads)) return true;
  }
  *error = in->name() +
           ": no thread count (want a number, a threadcreate profile or "
           "/proc/PID/status)";
  return false;
}

}  // namespace goroutine
