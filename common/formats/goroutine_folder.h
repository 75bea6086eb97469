#ifndef COMMON_FORMATS_GOROUTINE_FOLDER_H_
#define COMMON_FORMATS_GOROUTINE_FOLDER_H_

#include <string>
#include <vector>

#include "common/cli/bad_lines.h"
#include "common/formats/fold_options.h"
#include "common/goroutine/dump_parser.h"
#include "common/stack/folded_stacks.h"

namespace formats {

// Turns a goroutine dump into folded stacks for a goroutine flame graph:
// each goroutine counts 1 (a debug=1 record counts its N), frames root
// first, its state as the leaf frame ("[chan send]"). Equal stacks merge.
class GoroutineFolder : public goroutine::DumpVisitor {
 public:
  // `name` is the input's name, for the bad-line summary.
  GoroutineFolder(const FoldOptions& options, std::string name,
                  stack::FoldedStacks* out)
      : options_(options), name_(std::move(name)), out_(out) {}

  void OnGoroutine(const goroutine::Goroutine& g) override;
  void OnBadLine(uint64_t line, std::string_view reason) override;

  const cli::BadLines& bad_lines() const { return bad_; }

 private:
  const FoldOptions& options_;
  std::string name_;
  stack::FoldedStacks* out_;
  std::vector<std::string> names_;
  std::vector<std::string_view> views_;
  cli::BadLines bad_;
};

}  // namespace formats

#endif  // COMMON_FORMATS_GOROUTINE_FOLDER_H_
