#include "common/goroutine/format_probe.h"

#include <charconv>
#include <utility>

#include "common/goroutine/dump_parser.h"
#include "common/io/line_reader.h"

namespace goroutine {

bool LooksLikeGoroutineDump(std::string_view head) {
  io::LineSplitter lines(head);
  std::string_view line;
  Goroutine g;
  while (lines.Next(&line)) {
    // Log-prefixed dumps carry text before "goroutine ", as the parser
    // allows.
    const size_t at = line.find("goroutine ");
    if (at != std::string_view::npos &&
        ParseGoroutineHeader(line.substr(at), &g)) {
      return true;
    }
  }
  return false;
}

bool ParseCountProfileHeader(std::string_view line, uint64_t* total,
                             CountProfileKind* kind) {
  static constexpr std::pair<std::string_view, CountProfileKind> kHeaders[] = {
      {"goroutine profile: total ", CountProfileKind::kGoroutine},
      {"goroutineleak profile: total ", CountProfileKind::kGoroutineLeak},
      {"threadcreate profile: total ", CountProfileKind::kThreadCreate},
  };
  for (const auto& [prefix, k] : kHeaders) {
    if (line.substr(0, prefix.size()) != prefix) continue;
    const std::string_view n = line.substr(prefix.size());
    auto r = std::from_chars(n.data(), n.data() + n.size(), *total);
    if (r.ptr == n.data()) return false;
    // A total past 2^64-1 saturates, as the parser's numbers do.
    if (r.ec == std::errc::result_out_of_range) {
      *total = ~uint64_t{0};
    } else if (r.ec != std::errc()) {
      return false;
    }
    if (kind != nullptr) *kind = k;
    return true;
  }
  return false;
}

bool LooksLikeCountProfile(std::string_view head) {
  io::LineSplitter lines(head);
  std::string_view line;
  uint64_t total;
  while (lines.Next(&line)) {
    if (ParseCountProfileHeader(line, &total)) return true;
  }
  return false;
}

}  // namespace goroutine
