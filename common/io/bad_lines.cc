#include "common/io/bad_lines.h"

namespace io {

bool BadLineSink::Report(uint64_t line, std::string_view reason,
                         uint64_t count) {
  if (count == 0) return !stopped();
  if (count_ == 0) {
    first_source_ = source_;
    first_line_ = line;
    first_reason_.assign(reason);
  }
  count_ += count;
  return !stopped();
}

void BadLineSink::Merge(const BadLineSink& later, uint64_t line_offset) {
  if (later.count_ == 0) return;
  if (count_ == 0) {
    // A part that was not told its input's name is part of this one's.
    first_source_ = later.first_source_.empty() ? source_ : later.first_source_;
    first_line_ = later.first_line_ + line_offset;
    first_reason_ = later.first_reason_;
  }
  count_ += later.count_;
}

std::string BadLineSink::first() const {
  if (count_ == 0) return std::string();
  return first_source_ + ":" + std::to_string(first_line_) + ": " +
         first_reason_;
}

}  // namespace io
