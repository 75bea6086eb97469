#ifndef COMMON_PERF_CHUNK_FOLDER_H_
#define COMMON_PERF_CHUNK_FOLDER_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/io/bad_lines.h"
#include "common/perf/collapse_options.h"
#include "common/perf/frame_cache.h"
#include "common/perf/frame_line.h"
#include "common/stack/folded_stacks.h"
#include "common/stack/symbol_table.h"

namespace perf {

// What a ChunkFolder saw besides the stacks.
struct FoldStats {
  uint64_t lines = 0;
  uint64_t samples = 0;  // samples kept
  // Samples skipped because of their event, by event name.
  std::map<std::string, uint64_t> filtered;
  // Malformed lines, numbered from the chunk's first line. In strict mode
  // the chunk stops at the first one.
  io::BadLineSink bad;
};

// Folds the samples of `perf script` text into stacks. Each instance owns
// its symbol table and stacks, so one can run per thread on separate
// chunks (each chunk must start at a sample boundary) and the results are
// merged at the end. Frame lines are named once per distinct text: a
// FrameCache maps the raw text after the address to its interned frame ids,
// so the tidying rules run on the few distinct frames, not on every line.
class ChunkFolder {
 public:
  // `event` is the event to keep (already resolved: never empty unless the
  // input has no events at all, then everything is kept).
  ChunkFolder(const CollapseOptions& options, std::string event,
              bool strict = false);

  // Folds every sample in `text`; a sample cut off at the end of the text
  // is finished as if a blank line followed.
  void Fold(std::string_view text);

  // Changes the event to keep (for the chunks that follow).
  void set_event(const std::string& event) { event_ = event; }
  // The stacks of every chunk folded so far.
  const stack::FoldedStacks& result() const { return out_; }
  // Statistics of the chunks folded since the last call; resets them.
  FoldStats TakeStats();

 private:
  void StartSample(std::string_view comm, std::string_view pid,
                   std::string_view tid, int64_t period, bool java);
  // A sample of `perf script -F ip,sym` output: no comm, counted once.
  void StartHeaderlessSample();
  void EndSample();
  void AddFrameText(std::string_view line, size_t text_start,
                    std::string_view pc);
  // Names a frame text seen for the first time (the reference's rules).
  void NameFrameText(std::string_view text, std::string_view pc,
                     std::vector<uint32_t>* ids);
  void AddSrcline(std::string_view line);
  // Reports a malformed line; false when the chunk must stop (strict).
  bool Bad(std::string_view reason);
  bool EventMatches(std::string_view event) const;

  CollapseOptions options_;
  std::string event_;
  stack::FoldedStacks out_;
  bool strict_;
  FoldStats stats_;

  // Frame text -> frame ids, one cache per Java-ness (the Java tidying
  // depends on the comm).
  FrameCache frames_[2];

  // The sample being read.
  bool in_sample_ = false;
  bool skipping_ = false;  // a sample of another event
  bool java_ = false;
  int64_t period_ = 0;
  uint32_t pname_id_ = 0;
  bool has_root_ = true;  // false in headerless samples: no comm frame
  // The frames of the current sample, leaf first (as perf prints them),
  // each line's names reversed so that one reverse gives the stack.
  std::vector<uint32_t> leaf_first_;
  // Where the latest line that named frames put its names (its last name
  // first), for --srcline; npos when none yet.
  size_t last_line_at_ = 0;
  // The root frame names of the previous two samples and their ids, to
  // skip re-interning them; pname_known_ of them are set.
  std::string pname_key_[2];
  uint32_t pname_ids_[2] = {0, 0};
  int pname_known_ = 0;
  std::string pname_scratch_;
  uint64_t line_no_ = 0;
};

}  // namespace perf

#endif  // COMMON_PERF_CHUNK_FOLDER_H_
