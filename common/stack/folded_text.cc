#include "common/stack/folded_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

namespace stack {
namespace {

bool IsNumber(std::string_view s) {
  if (s.empty()) return false;
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i == s.size()) return false;
  bool digit = false;
  bool dot = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digit;
}

bool IsNumberChar(char c) {
  return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+';
}

}  // namespace

bool SplitFoldedLine(std::string_view line, FoldedLine* out) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  size_t sp = line.rfind(' ');
  if (sp == std::string_view::npos || sp == 0) return false;
  std::string_view last = line.substr(sp + 1);
  if (!IsNumber(last)) return false;
  std::string_view rest = line.substr(0, sp);
  // A second count can only be made of number characters back to a space
  // (not the first character): look only there, not back through the whole
  // stack text (on deep stacks that search dominated flamesvg's time).
  size_t start = rest.size();
  while (start > 0 && IsNumberChar(rest[start - 1])) --start;
  if (start >= 2 && rest[start - 1] == ' ' && IsNumber(rest.substr(start))) {
    out->stack = rest.substr(0, start - 1);
    out->counts[0] = rest.substr(start);
    out->counts[1] = last;
    out->num_counts = 2;
  } else {
    out->stack = rest;
    out->counts[0] = last;
    out->num_counts = 1;
  }
  return true;
}

bool ParseIntCount(std::string_view text, int64_t* value) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  auto r = std::from_chars(text.data(), text.data() + text.size(), *value);
  return r.ec == std::errc() && r.ptr == text.data() + text.size();
}

bool IsFoldedComment(std::string_view line) {
  return !line.empty() && line[0] == '#';
}

bool ParseCount(std::string_view text, double* value) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  // Integers are the common case and exact in an int64.
  int64_t i = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), i);
  if (r.ec == std::errc() && r.ptr == text.data() + text.size()) {
    *value = static_cast<double>(i);
    return true;
  }
  double d = 0;
  auto rd = std::from_chars(text.data(), text.data() + text.size(), d,
                            std::chars_format::fixed);
  if (rd.ec != std::errc() || rd.ptr != text.data() + text.size() ||
      !std::isfinite(d)) {
    return false;
  }
  *value = d;
  return true;
}

bool SplitFoldedColumns(std::string_view line, std::string_view* stack,
                        std::span<std::string_view> counts) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  for (size_t c = counts.size(); c-- > 0;) {
    const size_t sp = line.rfind(' ');
    if (sp == std::string_view::npos || sp == 0) return false;
    counts[c] = line.substr(sp + 1);
    if (!IsNumber(counts[c])) return false;
    line = line.substr(0, sp);
  }
  *stack = line;
  return true;
}

const char* AddFoldedLine(std::string_view line, FoldedStacks* out,
                          std::vector<uint32_t>* scratch) {
  constexpr int kMaxColumns = 64;
  const int columns = out->columns();
  if (columns > kMaxColumns) return "too many count columns";
  std::string_view stack_text;
  std::string_view count_text[kMaxColumns];
  int64_t values[kMaxColumns];
  if (!SplitFoldedColumns(line, &stack_text,
                          std::span<std::string_view>(count_text, columns))) {
    return columns == 1 ? "not a folded line (stack COUNT)"
                        : "not a folded line (too few count columns)";
  }
  for (int c = 0; c < columns; ++c) {
    if (!ParseIntCount(count_text[c], &values[c])) {
      return "count is not an integer";
    }
  }
  scratch->clear();
  std::string_view s = stack_text;
  for (;;) {
    size_t semi = s.find(';');
    scratch->push_back(out->symbols.Intern(s.substr(0, semi)));
    if (semi == std::string_view::npos) break;
    s.remove_prefix(semi + 1);
  }
  out->stacks.Add(*scratch, std::span<const int64_t>(values, columns));
  return nullptr;
}

bool ReadFolded(io::LineReader* reader, FoldedStacks* out,
                io::BadLineSink* bad) {
  std::string_view line;
  std::vector<uint32_t> scratch;
  while (reader->Next(&line)) {
    if (line.empty() || IsFoldedComment(line)) continue;
    const char* reason = AddFoldedLine(line, out, &scratch);
    if (reason != nullptr && !bad->Report(reader->line_number(), reason)) {
      return false;
    }
  }
  return reader->ok();
}

namespace {

template <typename Sink>
void WriteSorted(const FoldedStacks& folded, Sink* out) {
  // Build each stack's text once, then sort views of it.
  std::vector<std::string> texts(folded.stacks.size());
  for (size_t i = 0; i < texts.size(); ++i) texts[i] = folded.Join(i);
  std::vector<uint32_t> order(texts.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return texts[a] < texts[b]; });
  char num[24];
  for (uint32_t i : order) {
    out->Write(texts[i]);
    for (int64_t v : folded.stacks.Values(i)) {
      out->Put(' ');
      auto r = std::to_chars(num, num + sizeof(num), v);
      out->Write(std::string_view(num, r.ptr - num));
    }
    out->Put('\n');
  }
}

}  // namespace

void WriteFoldedSorted(const FoldedStacks& folded, io::OutputBuffer* out) {
  WriteSorted(folded, out);
}

std::string FoldedToString(const FoldedStacks& folded) {
  io::StringOutput out;
  WriteSorted(folded, &out);
  return out.str();
}

}  // namespace stack
