#include "common/cli/bad_lines.h"

namespace cli {

void BadLines::Add(std::string_view file, uint64_t line,
                   std::string_view reason, uint64_t count) {
  if (count == 0) return;
  if (count_ == 0) {
    first_file_.assign(file);
    first_line_ = line;
    first_reason_.assign(reason);
  }
  count_ += count;
}

void BadLines::Merge(const BadLines& other) {
  Add(other.first_file_, other.first_line_, other.first_reason_, other.count_);
}

std::string BadLines::first() const {
  return first_file_ + ":" + std::to_string(first_line_) + ": " + first_reason_;
}

std::string BadLines::Summary(std::string_view what) const {
  if (count_ == 0) return std::string();
  return "skipped " + std::to_string(count_) + " " + std::string(what) +
         " (first: " + first() + ")";
}

}  // namespace cli
