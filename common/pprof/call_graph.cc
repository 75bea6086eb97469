#include "common/pprof/call_graph.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "common/stack/hash.h"

namespace pprof {
namespace {

std::string TrimPath(const std::string& path) {
  for (const char* prefix : {"/proc/self/cwd/./", "/proc/self/cwd/"}) {
    size_t n = std::char_traits<char>::length(prefix);
    if (path.compare(0, n, prefix) == 0) return path.substr(n);
  }
  return path;
}

// A location line before it is named: most lines repeat (function, line,
// address, mapping) after aggregation, so these are looked up first and
// the NodeInfo is built only on a miss.
struct RawKey {
  uint32_t function;
  int32_t mapping;
  int64_t line;
  uint64_t address;
  bool no_line;
  bool operator==(const RawKey&) const = default;
  uint64_t Hash() const {
    uint64_t h = stack::MixHash(
        function * 0x9e3779b97f4a7c15ULL ^ static_cast<uint64_t>(line) ^
        (static_cast<uint64_t>(mapping) << 40) ^ (no_line ? 0xabcdefULL : 0));
    return stack::MixHash(h ^ address);
  }
};

uint64_t HashInfo(const NodeInfo& ni) {
  uint64_t h = stack::HashString(ni.name, static_cast<uint64_t>(ni.lineno));
  h = stack::HashString(ni.file, h ^ ni.address);
  return stack::HashString(ni.objfile, h ^ stack::MixHash(ni.start_line));
}

// Interns the nodes of a profile's location lines.
class NodeInterner {
 public:
  NodeInterner(const Profile& p, std::vector<NodeInfo>* infos)
      : p_(p), infos_(infos) {}

  uint32_t Node(const RawKey& rk) {
    bool added;
    uint32_t r = raw_table_.FindOrInsert(
        rk.Hash(), static_cast<uint32_t>(raw_keys_.size()),
        [&](uint32_t j) { return raw_keys_[j] == rk; }, &added);
    if (!added) return raw_node_[r];
    raw_keys_.push_back(rk);
    NodeInfo ni = Info(rk);
    uint32_t n = info_table_.FindOrInsert(
        HashInfo(ni), static_cast<uint32_t>(infos_->size()),
        [&](uint32_t j) { return (*infos_)[j] == ni; }, &added);
    if (added) infos_->push_back(std::move(ni));
    raw_node_.push_back(n);
    return n;
  }

 private:
  NodeInfo Info(const RawKey& rk) const {
    NodeInfo ni;
    ni.address = rk.address;
    const std::string objfile =
        rk.mapping >= 0 ? p_.mappings[rk.mapping].file : std::string();
    if (rk.no_line) {
      ni.objfile = objfile;
      return ni;
    }
    const Function& f = p_.functions[rk.function];
    ni.lineno = rk.line;
    ni.name = f.name;
    ni.file = f.filename;
    if (ni.name.empty()) {
      ni.objfile = objfile;
      ni.start_line = f.start_line;
    }
    return ni;
  }

  const Profile& p_;
  std::vector<NodeInfo>* infos_;
  std::vector<RawKey> raw_keys_;
  std::vector<uint32_t> raw_node_;  // by raw key
  stack::IndexTable raw_table_, info_table_;
};

}  // namespace

bool ParseGranularity(std::string_view name, Granularity* out) {
  if (name == "functions")
    *out = Granularity::kFunctions;
  else if (name == "filefunctions")
    *out = Granularity::kFileFunctions;
  else if (name == "lines")
    *out = Granularity::kLines;
  else if (name == "files")
    *out = Granularity::kFiles;
  else if (name == "addresses")
    *out = Granularity::kAddresses;
  else
    return false;
  return true;
}

void Aggregate(Profile* p, Granularity g) {
  bool function = g != Granularity::kFiles;
  bool filename = g == Granularity::kFileFunctions ||
                  g == Granularity::kLines || g == Granularity::kFiles ||
                  g == Granularity::kAddresses;
  bool linenumber = g == Granularity::kLines || g == Granularity::kAddresses;
  bool address = g == Granularity::kAddresses;
  for (Function& f : p->functions) {
    if (!function) f.name.clear(), f.system_name.clear();
    if (!filename) f.filename.clear();
    f.filename = TrimPath(f.filename);
  }
  for (Location& l : p->locations) {
    if (!linenumber) {
      for (Line& ln : l.lines) ln.line = 0;
    }
    if (!address) l.address = 0;
  }
}

std::string NodeInfo::Key() const {
  std::string k = name;
  k.push_back('\0');
  k += file;
  k.push_back('\0');
  k += std::to_string(lineno);
  k.push_back('\0');
  k += std::to_string(address);
  k.push_back('\0');
  k += objfile;
  k.push_back('\0');
  k += std::to_string(start_line);
  return k;
}

std::string NodeInfo::Printable() const {
  std::string out;
  auto add = [&](const std::string& s) {
    if (!out.empty()) out.push_back(' ');
    out += s;
  };
  if (address != 0) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%016" PRIx64, address);
    add(buf);
  }
  if (!name.empty()) add(name);
  if (lineno != 0) {
    add(file + ":" + std::to_string(lineno));
  } else if (!file.empty()) {
    add(file);
  } else if (!name.empty()) {
    // the function name says it all
  } else if (!objfile.empty()) {
    size_t slash = objfile.rfind('/');
    add("[" +
        (slash == std::string::npos ? objfile : objfile.substr(slash + 1)) +
        "]");
  } else {
    add("<unknown>");
  }
  return out;
}

CallGraph::CallGraph(const Profile& p, int sample_index,
                     const std::vector<int>& extra_columns)
    : p_(p), sample_index_(sample_index), extra_columns_(extra_columns) {
  IndexNodes();
  names_.resize(infos_.size());
  for (size_t i = 0; i < infos_.size(); ++i) names_[i] = infos_[i].Printable();
  kept_.assign(infos_.size(), 1);
}

void CallGraph::IndexNodes() {
  NodeInterner interner(p_, &infos_);
  loc_begin_.reserve(p_.locations.size() + 1);
  for (const Location& l : p_.locations) {
    loc_begin_.push_back(static_cast<uint32_t>(loc_nodes_.size()));
    if (l.lines.empty()) {
      loc_nodes_.push_back(
          interner.Node(RawKey{0, l.mapping, 0, l.address, true}));
      continue;
    }
    for (const Line& ln : l.lines) {
      loc_nodes_.push_back(interner.Node(
          RawKey{ln.function, l.mapping, ln.line, l.address, false}));
    }
  }
  loc_begin_.push_back(static_cast<uint32_t>(loc_nodes_.size()));
}

void CallGraph::SetKept(const std::vector<uint32_t>& nodes) {
  kept_.assign(infos_.size(), 0);
  for (uint32_t n : nodes) kept_[n] = 1;
}

void CallGraph::Build(bool edges) {
  const size_t nn = infos_.size();
  const size_t nx = extra_columns_.size();
  flat_.assign(nn, 0);
  cum_.assign(nn, 0);
  xflat_.assign(nn * nx, 0);
  xcum_.assign(nn * nx, 0);
  seen_.assign(nn, 0);
  edge_keys_.clear();
  edges_.clear();
  edge_table_ = stack::IndexTable();
  uint64_t stamp = 0;
  for (const Sample s : p_.samples) {
    bool any = s.values[sample_index_] != 0;
    for (int c : extra_columns_) any = any || s.values[c] != 0;
    if (any) AddSample(s, ++stamp, edges);
  }
  graph_.clear();
  for (uint32_t n = 0; n < nn; ++n) {
    if (kept_[n] && (cum_[n] != 0 || flat_[n] != 0)) graph_.push_back(n);
  }
}

// Adds one sample: cum to every kept node on its stack (once per node),
// flat to its leaf unless the leaf was not kept.
void CallGraph::AddSample(const Sample& s, uint64_t stamp, bool edges) {
  const int64_t w = s.values[sample_index_];
  const size_t nx = extra_columns_.size();
  int64_t parent = -1;
  bool residual = false;
  for (size_t i = s.locations.size(); i-- > 0;) {
    const uint32_t loc = s.locations[i];
    const uint32_t b = loc_begin_[loc], e = loc_begin_[loc + 1];
    for (uint32_t k = e; k-- > b;) {
      const uint32_t n = loc_nodes_[k];
      if (!kept_[n]) {
        residual = true;
        continue;
      }
      if (seen_[n] != stamp) {
        seen_[n] = stamp;
        cum_[n] = AddWrap(cum_[n], w);
        for (size_t c = 0; c < nx; ++c) {
          xcum_[n * nx + c] =
              AddWrap(xcum_[n * nx + c], s.values[extra_columns_[c]]);
        }
      }
      if (edges && w != 0 && parent >= 0 &&
          static_cast<uint32_t>(parent) != n) {
        AddEdge(static_cast<uint32_t>(parent), n, w, stamp, k != e - 1);
      }
      parent = n;
      residual = false;
    }
  }
  if (parent >= 0 && !residual) {
    flat_[parent] = AddWrap(flat_[parent], w);
    for (size_t c = 0; c < nx; ++c) {
      xflat_[parent * nx + c] =
          AddWrap(xflat_[parent * nx + c], s.values[extra_columns_[c]]);
    }
  }
}

// An edge stays inline only while every path along it is inlined.
void CallGraph::AddEdge(uint32_t parent, uint32_t n, int64_t w, uint64_t stamp,
                        bool inlined) {
  const uint64_t ek = (static_cast<uint64_t>(parent) << 32) | n;
  bool added;
  uint32_t ei = edge_table_.FindOrInsert(
      stack::MixHash(ek), static_cast<uint32_t>(edges_.size()),
      [&](uint32_t j) { return edge_keys_[j] == ek; }, &added);
  if (added) {
    edge_keys_.push_back(ek);
    edges_.emplace_back();
  }
  EdgeAcc& edge = edges_[ei];
  if (edge.stamp == stamp) return;
  edge.stamp = stamp;
  edge.weight = AddWrap(edge.weight, w);
  if (!inlined) edge.inline_edge = false;
}

void CallGraph::Sort(bool cum_sort) {
  auto by_flat = [&](uint32_t l, uint32_t r) {
    if (AbsWrap(flat_[l]) != AbsWrap(flat_[r]))
      return AbsWrap(flat_[l]) > AbsWrap(flat_[r]);
    if (names_[l] != names_[r]) return names_[l] < names_[r];
    if (AbsWrap(cum_[l]) != AbsWrap(cum_[r]))
      return AbsWrap(cum_[l]) > AbsWrap(cum_[r]);
    return infos_[l].Key() < infos_[r].Key();
  };
  auto by_cum = [&](uint32_t l, uint32_t r) {
    if (AbsWrap(cum_[l]) != AbsWrap(cum_[r]))
      return AbsWrap(cum_[l]) > AbsWrap(cum_[r]);
    if (names_[l] != names_[r]) return names_[l] < names_[r];
    if (AbsWrap(flat_[l]) != AbsWrap(flat_[r]))
      return AbsWrap(flat_[l]) > AbsWrap(flat_[r]);
    return infos_[l].Key() < infos_[r].Key();
  };
  if (cum_sort) {
    std::sort(graph_.begin(), graph_.end(), by_cum);
  } else {
    std::sort(graph_.begin(), graph_.end(), by_flat);
  }
}

std::vector<std::string> CallGraph::InlineLabels(int64_t edge_cutoff) const {
  std::vector<uint8_t> mark(infos_.size(), 0);  // 1 inline, 2 not inline
  for (size_t i = 0; i < edges_.size(); ++i) {
    const EdgeAcc& e = edges_[i];
    if (AbsWrap(e.weight) < edge_cutoff) continue;
    uint32_t dest = static_cast<uint32_t>(edge_keys_[i] & 0xffffffffu);
    mark[dest] |= e.inline_edge ? 1 : 2;
  }
  std::vector<std::string> labels(infos_.size());
  for (size_t n = 0; n < infos_.size(); ++n) {
    if (mark[n] == 1) labels[n] = "(inline)";
    if (mark[n] == 3) labels[n] = "(partial-inline)";
  }
  return labels;
}

}  // namespace pprof
