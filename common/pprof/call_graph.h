#ifndef COMMON_PPROF_CALL_GRAPH_H_
#define COMMON_PPROF_CALL_GRAPH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/pprof/profile.h"
#include "common/stack/index_table.h"

namespace pprof {

// What a report row stands for, as pprof's -functions/-lines/... flags.
enum class Granularity {
  kFunctions,
  kFileFunctions,
  kLines,
  kFiles,
  kAddresses
};

// Parses "functions", "filefunctions", "lines", "files" or "addresses".
bool ParseGranularity(std::string_view name, Granularity* out);

// pprof's Aggregate: forgets in *p what the granularity does not
// distinguish (names, files, lines, addresses), and trims build paths.
void Aggregate(Profile* p, Granularity g);

// What identifies a node (pprof's NodeInfo) after aggregation.
struct NodeInfo {
  std::string name;
  std::string file;
  int64_t lineno = 0;
  uint64_t address = 0;
  std::string objfile;
  int64_t start_line = 0;

  bool operator==(const NodeInfo&) const = default;
  // Orders nodes whose sort keys tie, as pprof's key string does.
  std::string Key() const;
  // pprof's PrintableName.
  std::string Printable() const;
};

// pprof's call graph of a profile: one node per distinct NodeInfo, with
// flat and cum sums of the selected value column (and of extra columns),
// over a set of kept nodes. Build() sums again for every refinement of the
// kept set, as pprof rebuilds its graph from the samples.
class CallGraph {
 public:
  CallGraph(const Profile& p, int sample_index,
            const std::vector<int>& extra_columns);

  size_t num_nodes() const { return infos_.size(); }
  const std::string& name(uint32_t n) const { return names_[n]; }

  // Only `nodes` count from the next Build on.
  void SetKept(const std::vector<uint32_t>& nodes);

  // Sums the samples over the kept nodes; with `edges`, also the call
  // edges (needed only for the final graph's "(inline)" labels).
  void Build(bool edges);
  // Orders graph() by |flat| (or |cum|), then name, as pprof's -top.
  void Sort(bool cum_sort);

  // The "(inline)" / "(partial-inline)" label per node, from the edges at
  // or above the cutoff.
  std::vector<std::string> InlineLabels(int64_t edge_cutoff) const;

  // The kept nodes with a non-zero value, after Build (and Sort).
  const std::vector<uint32_t>& graph() const { return graph_; }
  int64_t flat(uint32_t n) const { return flat_[n]; }
  int64_t cum(uint32_t n) const { return cum_[n]; }
  int64_t xflat(uint32_t n, size_t c) const {
    return xflat_[n * extra_columns_.size() + c];
  }
  int64_t xcum(uint32_t n, size_t c) const {
    return xcum_[n * extra_columns_.size() + c];
  }

 private:
  struct EdgeAcc {
    int64_t weight = 0;
    uint64_t stamp = 0;
    bool inline_edge = true;
  };

  void IndexNodes();
  void AddSample(const Sample& s, uint64_t stamp, bool edges);
  void AddEdge(uint32_t parent, uint32_t n, int64_t w, uint64_t stamp,
               bool inlined);

  const Profile& p_;
  const int sample_index_;
  const std::vector<int> extra_columns_;
  std::vector<NodeInfo> infos_;
  std::vector<std::string> names_;
  // Per location: its nodes, innermost line first, at
  // loc_nodes_[loc_begin_[l] .. loc_begin_[l + 1]).
  std::vector<uint32_t> loc_begin_;
  std::vector<uint32_t> loc_nodes_;
  std::vector<uint8_t> kept_;
  std::vector<int64_t> flat_, cum_, xflat_, xcum_;
  std::vector<uint64_t> seen_;
  std::vector<uint64_t> edge_keys_;
  std::vector<EdgeAcc> edges_;
  stack::IndexTable edge_table_;
  std::vector<uint32_t> graph_;
};

}  // namespace pprof

#endif  // COMMON_PPROF_CALL_GRAPH_H_
