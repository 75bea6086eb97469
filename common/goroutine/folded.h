#ifndef COMMON_GOROUTINE_FOLDED_H_
#define COMMON_GOROUTINE_FOLDED_H_

// The one goroutine -> folded stack converter, for a goroutine flame graph:
// frames root first, the state as the leaf frame ("main.worker;[chan
// send]"), each goroutine weighted 1 (a debug=1 record or a cluster by its
// count; a record of 0 goroutines folds to nothing). stackfold folds a dump
// goroutine by goroutine (DumpFolder); goleak-cluster --folded folds its
// visible clusters (AddFoldedClusters). A cluster folds exactly as each of
// its goroutines would, so both tools print the same lines for the same
// dump. (With `lines`, a cluster of --similarity functions shows its first
// goroutine's lines; goleak-cluster never asks for them.)

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/goroutine/analysis.h"
#include "common/goroutine/cluster_set.h"
#include "common/goroutine/dump_parser.h"
#include "common/stack/folded_stacks.h"

namespace goroutine {

struct FoldedOptions {
  bool trim_runtime = false;  // drop runtime.goexit/main/mstart roots
  bool keep_shapes = false;   // keep "F[go.shape.int]" (default "F[...]")
  bool lines = false;         // frames become "func:file:line"
};

// Turns one goroutine's stack at a time into a folded line of *out.
class GoroutineFolder {
 public:
  GoroutineFolder(const FoldedOptions& options, stack::FoldedStacks* out)
      : options_(options), out_(out) {}

  void Add(const Goroutine& g);
  void Add(const Cluster& c, const ClusterSet& set);

 private:
  // Frames come top (innermost) first, as dumps print them.
  void Start(size_t frames);
  void AddFrame(std::string_view func, std::string_view file, uint32_t line);
  void Finish(std::string_view state, bool leaked, bool stack_unavailable,
              uint64_t count);

  FoldedOptions options_;
  stack::FoldedStacks* out_;
  // Reused per goroutine: this stack's names, root first (filled from the
  // back as frames arrive top first), and the leaf "[state]".
  std::vector<std::string> names_;
  size_t next_ = 0;
  std::string leaf_;
  std::vector<std::string_view> views_;
};

// stackfold's path: a parser visitor that folds every goroutine.
class DumpFolder : public DumpVisitor {
 public:
  DumpFolder(const FoldedOptions& options, stack::FoldedStacks* out)
      : folder_(options, out) {}
  void OnGoroutine(const Goroutine& g) override { folder_.Add(g); }

 private:
  GoroutineFolder folder_;
};

// goleak-cluster --folded: the visible clusters of `a` (not the gone ones).
void AddFoldedClusters(const Analysis& a, const FoldedOptions& options,
                       stack::FoldedStacks* out);

}  // namespace goroutine

#endif  // COMMON_GOROUTINE_FOLDED_H_
