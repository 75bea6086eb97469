#ifndef COMMON_FORMATS_INPUT_FOLDER_H_
#define COMMON_FORMATS_INPUT_FOLDER_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/formats/fold_options.h"
#include "common/io/bad_lines.h"
#include "common/io/input_file.h"
#include "common/stack/folded_stacks.h"

namespace formats {

// Folds inputs of any supported format into one set of stacks: detects
// each input's format by content (or uses the forced one) and hands it to
// its parser. This is what makes `stackfold X | flamesvg` work for perf
// text, pprof profiles, Go text profiles, goroutine dumps and folded text.
class InputFolder {
 public:
  explicit InputFolder(const FoldOptions& options)
      : options_(options), bad_(options.strict) {}

  // Folds all of `in`. Returns false when it cannot be read or parsed at
  // all (*error names the file and why); malformed lines inside an
  // otherwise readable input are skipped and counted in bad_lines(). With
  // --strict the first one stops the fold: Add returns true and
  // bad_lines().stopped() says so.
  bool Add(io::InputFile* in, std::string* error);
  // Opens and adds each path in turn ("-" or none: standard input); stops
  // at the first that cannot be read, or at a --strict stop.
  bool AddFiles(const std::vector<std::string>& paths, std::string* error);

  const stack::FoldedStacks& result() const { return folded_; }
  const io::BadLineSink& bad_lines() const { return bad_; }
  // Notes for stderr: events filtered out, truncated dumps, ...
  const std::vector<std::string>& warnings() const { return warnings_; }
  // The format detected (or forced) for each input, in order.
  const std::vector<InputFormat>& formats() const { return formats_; }

 private:
  // The format of `in` by content (a bounded look-ahead).
  bool Detect(io::InputFile* in, InputFormat* format, std::string* error);
  // Hands `in` to the parser of `format`.
  bool AddAs(InputFormat format, io::InputFile* in, std::string* error);
  bool AddPerf(io::InputFile* in, std::string* error);
  bool AddProfile(io::InputFile* in, std::string* error);
  bool AddCount(io::InputFile* in, std::string* error);
  bool AddDump(io::InputFile* in, std::string* error);
  bool AddDtrace(io::InputFile* in, std::string* error);
  bool AddFolded(io::InputFile* in, std::string* error);

  FoldOptions options_;
  stack::FoldedStacks folded_;
  io::BadLineSink bad_;
  std::vector<std::string> warnings_;
  std::vector<InputFormat> formats_;
  // What each parser made of the last input no probe recognised.
  std::string trial_;
};

}  // namespace formats

#endif  // COMMON_FORMATS_INPUT_FOLDER_H_
