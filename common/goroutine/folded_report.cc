#include "common/goroutine/folded_report.h"

#include <string>
#include <vector>

namespace goroutine {

void AddFoldedClusters(const Analysis& a, stack::FoldedStacks* out) {
  std::vector<std::string_view> names;
  std::string leaf;
  for (const ClusterEntry& e : a.entries) {
    if (e.change == Change::kGone) continue;
    const Cluster& c = e.cluster();
    const ClusterSet& set = *e.set;
    names.clear();
    for (size_t i = c.frames.size(); i-- > 0;) {
      names.push_back(set.Name(c.frames[i].func));
    }
    if (c.state != kNoSymbol) {
      // The state as the leaf frame, so the graph shows why they wait.
      leaf = "[" + std::string(set.Name(c.state)) + "]";
      names.push_back(leaf);
    }
    if (names.empty()) continue;
    out->AddNames(names, static_cast<int64_t>(c.count));
  }
}

}  // namespace goroutine
