#include "common/watch/pprof_index.h"

#include <charconv>
#include <string>

namespace watch {
namespace {

int64_t NumberAt(std::string_view text, size_t pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  int64_t v = -1;
  auto [p, ec] =
      std::from_chars(text.data() + pos, text.data() + text.size(), v);
  return ec == std::errc() && v >= 0 ? v : -1;
}

}  // namespace

int64_t IndexCount(std::string_view page, std::string_view name) {
  const std::string label = ">" + std::string(name) + "</a>";
  size_t pos = page.find(label);
  if (pos == std::string_view::npos) return -1;
  // The count is in the cell before the link, on the same row.
  const size_t row = page.rfind("<tr><td>", pos);
  const size_t line = page.rfind('\n', pos);
  if (row == std::string_view::npos ||
      (line != std::string_view::npos && row < line)) {
    return -1;
  }
  return NumberAt(page, row + 8);
}

int64_t HeapInuseFromExpvar(std::string_view json) {
  const size_t pos = json.find("\"HeapInuse\":");
  if (pos == std::string_view::npos) return -1;
  return NumberAt(json, pos + 12);
}

int64_t HeapInuseFromDebugHeap(std::string_view text) {
  const size_t pos = text.find("\n# HeapInuse = ");
  if (pos == std::string_view::npos) return -1;
  return NumberAt(text, pos + 15);
}

}  // namespace watch
