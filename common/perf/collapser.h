#ifndef COMMON_PERF_COLLAPSER_H_
#define COMMON_PERF_COLLAPSER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/io/bad_lines.h"
#include "common/io/input_file.h"
#include "common/perf/collapse_options.h"
#include "common/stack/folded_stacks.h"

namespace perf {

class ChunkFolder;
struct FoldStats;

// Folds `perf script` text from one or more inputs into one set of stacks.
// Input is read in large chunks cut at sample boundaries; with threads > 1
// the chunks are folded in parallel and merged, and the result does not
// depend on the thread count.
class Collapser {
 public:
  Collapser(const CollapseOptions& options, int threads);

  // Folds all of `in`, reporting malformed lines to *bad (numbered in the
  // whole input; a strict sink stops the fold at the first one). Returns
  // false on a read error (error() says which file and why; samples read
  // before it are kept) or when *bad said stop.
  bool Add(io::InputFile* in, io::BadLineSink* bad);

  const stack::FoldedStacks& result() const { return folded_; }
  // The event kept (the --event-filter, else the first one seen).
  const std::string& event() const { return event_; }
  uint64_t samples() const { return samples_; }
  // Samples skipped for their event, by event name.
  const std::map<std::string, uint64_t>& filtered() const { return filtered_; }
  const std::string& error() const { return error_; }

 private:
  class ChunkRun;
  void FoldInOrder(ChunkRun* run, ChunkFolder* folder);
  void FoldInParallel(ChunkRun* run,
                      const std::vector<std::unique_ptr<ChunkFolder>>& folders);
  // Adds the chunks' statistics in input order; false after a strict stop.
  bool AddStats(const std::vector<FoldStats>& chunks, io::BadLineSink* bad);

  CollapseOptions options_;
  int threads_;
  std::string event_;
  stack::FoldedStacks folded_;
  uint64_t samples_ = 0;
  std::map<std::string, uint64_t> filtered_;
  std::string error_;
};

// The chunk boundary for perf text: right after the last blank line, or,
// in output without blank lines (one-line samples), before the last line
// that is a sample header. npos when neither is in `data`.
size_t FindSampleBoundary(std::string_view data);

// The event of the first sample header in `text`, if any.
bool FindFirstEvent(std::string_view text, std::string* event);

}  // namespace perf

#endif  // COMMON_PERF_COLLAPSER_H_
