#ifndef COMMON_FORMATS_GOROUTINE_FOLDER_H_
#define COMMON_FORMATS_GOROUTINE_FOLDER_H_

#include <string>
#include <vector>

#include "common/formats/fold_options.h"
#include "common/goroutine/dump_parser.h"
#include "common/stack/folded_stacks.h"

namespace formats {

// Turns a goroutine dump into folded stacks for a goroutine flame graph:
// each goroutine counts 1 (a debug=1 record counts its N), frames root
// first, its state as the leaf frame ("[chan send]"). Equal stacks merge.
class GoroutineFolder : public goroutine::DumpVisitor {
 public:
  GoroutineFolder(const FoldOptions& options, stack::FoldedStacks* out)
      : options_(options), out_(out) {}

  void OnGoroutine(const goroutine::Goroutine& g) override;
  void OnBadLine(uint64_t line, std::string_view reason) override;

  uint64_t bad_lines() const { return bad_lines_; }
  uint64_t first_bad_line() const { return first_bad_line_; }
  const std::string& first_bad_reason() const { return first_bad_reason_; }

 private:
  const FoldOptions& options_;
  stack::FoldedStacks* out_;
  std::vector<std::string> names_;
  std::vector<std::string_view> views_;
  uint64_t bad_lines_ = 0;
  uint64_t first_bad_line_ = 0;
  std::string first_bad_reason_;
};

}  // namespace formats

#endif  // COMMON_FORMATS_GOROUTINE_FOLDER_H_
