#include "common/dtrace/format_probe.h"

#include <charconv>
#include <cstdint>

#include "common/io/line_reader.h"
#include "common/io/trim.h"

namespace dtrace {
namespace {

bool IsHexAddress(std::string_view t) {
  if (t.size() < 3 || t[0] != '0' || t[1] != 'x') return false;
  for (char c : t.substr(2)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
          (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsCountLine(std::string_view t, int64_t* count) {
  if (t.empty()) return false;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), *count);
  return ec == std::errc() && end == t.data() + t.size() && *count >= 0;
}

bool LooksLikeDtrace(std::string_view head) {
  io::LineSplitter lines(head);
  std::string_view line;
  bool blank = false, frame = false;
  int64_t n;
  while (lines.Next(&line)) {
    const std::string_view t = io::TrimBlanks(line);
    if (t.empty()) {
      blank = true;
    } else if (blank) {
      if (IsCountLine(t, &n)) return frame;
      if (t.find('`') == std::string_view::npos && !IsHexAddress(t)) {
        return false;
      }
      frame = true;
    }
  }
  return false;
}

}  // namespace dtrace
