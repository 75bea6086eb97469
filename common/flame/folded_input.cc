#include "common/flame/folded_input.h"

#include <charconv>
#include <cmath>

namespace flame {

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

const char* AddFoldedInputLine(std::string_view line, CountSlot slot,
                               double factor, FrameTree* tree,
                               InputStats* stats) {
  stack::FoldedLine parsed;
  if (!stack::SplitFoldedLine(line, &parsed)) {
    return "no count at the end of the line";
  }
  double first = 0;
  if (!ParseCount(parsed.counts[0], &first)) return "count out of range";
  double before = 0;
  double after = 0;
  if (parsed.num_counts == 2) {
    double second = 0;
    if (!ParseCount(parsed.counts[1], &second)) return "count out of range";
    if (slot != CountSlot::kAny) {
      return "two counts in a --diff input (give one count per stack)";
    }
    if (first < 0 || second < 0) {
      return "negative count in a BEFORE AFTER pair";
    }
    stats->pairs = true;
    before = first;
    after = second;
  } else {
    const char sign = parsed.counts[0][0];
    if (sign == '-' || sign == '+') {
      if (slot != CountSlot::kAny) return "signed count in a --diff input";
      stats->signed_count = true;
    }
    if (slot == CountSlot::kBefore) {
      before = first;
    } else {
      after = first;
    }
  }
  ++stats->lines;
  tree->AddStack(parsed.stack, before * factor, after * factor);
  return nullptr;
}

}  // namespace flame
