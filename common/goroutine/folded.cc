#include "common/goroutine/folded.h"

#include <algorithm>
#include <limits>

#include "common/stack/go_names.h"

namespace goroutine {

void GoroutineFolder::Add(const Goroutine& g) {
  if (g.count == 0) return;  // a debug=1 "0 @" record: nothing to draw
  Start(g.frames.size());
  for (const RawFrame& f : g.frames) AddFrame(f.func, f.file, f.line);
  Finish(g.state, g.leaked, g.stack_unavailable, g.count);
}

void GoroutineFolder::Add(const Cluster& c, const ClusterSet& set) {
  if (c.count == 0) return;
  Start(c.frames.size());
  for (const Frame& f : c.frames) {
    AddFrame(set.Name(f.func), set.Name(f.file), f.line);
  }
  Finish(set.Name(c.state), c.leaked > 0, c.stack_unavailable, c.count);
}

void GoroutineFolder::Start(size_t frames) {
  // Strings are assigned in place, so their buffers serve the next stack.
  names_.resize(frames);
  next_ = frames;
}

void GoroutineFolder::AddFrame(std::string_view func, std::string_view file,
                               uint32_t line) {
  std::string& name = names_[--next_];
  name.clear();
  if (options_.keep_shapes) {
    name.assign(func);
  } else {
    stack::AppendShortGeneric(func, &name);
  }
  if (options_.lines && !file.empty()) {
    name.append(":").append(file).append(":").append(std::to_string(line));
  }
}

void GoroutineFolder::Finish(std::string_view state, bool leaked,
                             bool stack_unavailable, uint64_t count) {
  if (options_.trim_runtime) stack::TrimRuntimeRoots(&names_);
  views_.assign(names_.begin(), names_.end());
  // A goroutine running on another thread has no stack to show; say so
  // rather than draw its state as if it were a root.
  if (stack_unavailable && views_.empty()) {
    views_.push_back("[stack unavailable]");
  }
  if (!state.empty()) {
    // The runtime's own leak verdict stays visible in the graph.
    leaf_.assign("[").append(state).append(leaked ? " (leaked)]" : "]");
    views_.push_back(leaf_);
  }
  // A debug=1 record with no frames still counts its goroutines.
  if (views_.empty()) views_.push_back("[no frames]");
  // A hostile debug=1 count may not fit a weight: it saturates, as sums do.
  constexpr uint64_t kMaxWeight = std::numeric_limits<int64_t>::max();
  out_->AddNames(views_, static_cast<int64_t>(std::min(count, kMaxWeight)));
}

void AddFoldedClusters(const Analysis& a, const FoldedOptions& options,
                       stack::FoldedStacks* out) {
  GoroutineFolder folder(options, out);
  for (const ClusterEntry& e : a.entries) {
    if (e.change == Change::kGone) continue;
    folder.Add(e.cluster(), *e.set);
  }
}

}  // namespace goroutine
