#ifndef COMMON_CLI_BAD_LINES_H_
#define COMMON_CLI_BAD_LINES_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace cli {

// Counts malformed input lines that were skipped, remembering the first,
// so a tool can print the one summary line the conventions ask for:
// "stackfold: skipped 3 malformed lines (first: perf.txt:17: reason)".
class BadLines {
 public:
  // Records `count` bad lines, the first of them at `line` of `file`. Call
  // in input order: the first call's place is the one reported.
  void Add(std::string_view file, uint64_t line, std::string_view reason,
           uint64_t count = 1);
  // Adds the bad lines of `other`, which come after these in the input.
  void Merge(const BadLines& other);

  uint64_t count() const { return count_; }
  uint64_t first_line() const { return first_line_; }
  const std::string& first_reason() const { return first_reason_; }
  // "file:line: reason" of the first bad line.
  std::string first() const;
  // The summary line, without the tool name; empty when nothing was bad.
  std::string Summary(std::string_view what = "malformed lines") const;

 private:
  uint64_t count_ = 0;
  std::string first_file_;
  uint64_t first_line_ = 0;
  std::string first_reason_;
};

}  // namespace cli

#endif  // COMMON_CLI_BAD_LINES_H_
