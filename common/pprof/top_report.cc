#include "common/pprof/top_report.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <ctime>
#include <numeric>
#include <unordered_map>

#include "common/pprof/measurement.h"
#include "common/stack/hash.h"
#include "common/stack/index_table.h"

namespace pprof {
namespace {

int64_t Abs(int64_t v) { return AbsWrap(v); }

// What identifies a row (pprof's NodeInfo) after aggregation.
struct NodeInfo {
  std::string name;
  std::string file;
  int64_t lineno = 0;
  uint64_t address = 0;
  std::string objfile;
  int64_t start_line = 0;

  std::string Key() const {
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

  // pprof's PrintableName.
  std::string Printable() const {
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
};

std::string TrimPath(const std::string& path) {
  for (const char* prefix : {"/proc/self/cwd/./", "/proc/self/cwd/"}) {
    size_t n = std::char_traits<char>::length(prefix);
    if (path.compare(0, n, prefix) == 0) return path.substr(n);
  }
  return path;
}

// pprof's Aggregate: forgets what the granularity does not distinguish.
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

struct EdgeAcc {
  int64_t weight = 0;
  uint64_t stamp = 0;
  bool inline_edge = true;
};

// Builds pprof's call graph sums (flat, cum, edges) over a set of kept
// nodes, again for every refinement, as pprof rebuilds from samples.
class GraphBuilder {
 public:
  GraphBuilder(const Profile& p, const TopOptions& o) : p_(p), o_(o) {
    // One node per distinct NodeInfo; each location lists its nodes,
    // innermost line first (as the location's lines).
    std::unordered_map<std::string, uint32_t> index;
    // Most lines repeat (function, line, address, mapping) after
    // aggregation: look those up first, build the NodeInfo key on a miss.
    struct RawKey {
      uint32_t function;
      int32_t mapping;
      int64_t line;
      uint64_t address;
      bool no_line;
    };
    std::vector<RawKey> raw_keys;
    std::vector<uint32_t> raw_node;
    stack::IndexTable raw_table;
    std::string objfile;
    loc_begin_.reserve(p.locations.size() + 1);
    for (const Location& l : p.locations) {
      loc_begin_.push_back(static_cast<uint32_t>(loc_nodes_.size()));
      auto node_for = [&](const RawKey& rk) {
        uint64_t h = stack::MixHash(rk.function * 0x9e3779b97f4a7c15ULL ^
                                    static_cast<uint64_t>(rk.line) ^
                                    (static_cast<uint64_t>(rk.mapping) << 40) ^
                                    (rk.no_line ? 0xabcdefULL : 0));
        h = stack::MixHash(h ^ rk.address);
        bool added;
        uint32_t r = raw_table.FindOrInsert(
            h, static_cast<uint32_t>(raw_keys.size()),
            [&](uint32_t j) {
              const RawKey& o = raw_keys[j];
              return o.function == rk.function && o.mapping == rk.mapping &&
                     o.line == rk.line && o.address == rk.address &&
                     o.no_line == rk.no_line;
            },
            &added);
        if (!added) return raw_node[r];
        raw_keys.push_back(rk);
        objfile = rk.mapping >= 0 ? p.mappings[rk.mapping].file : std::string();
        NodeInfo ni;
        ni.address = rk.address;
        if (rk.no_line) {
          ni.objfile = objfile;
        } else {
          const Function& f = p.functions[rk.function];
          ni.lineno = rk.line;
          ni.name = f.name;
          ni.file = f.filename;
          if (ni.name.empty()) {
            ni.objfile = objfile;
            ni.start_line = f.start_line;
          }
        }
        std::string key = ni.Key();
        auto [it, fresh] = index.try_emplace(
            std::move(key), static_cast<uint32_t>(infos_.size()));
        if (fresh) infos_.push_back(std::move(ni));
        raw_node.push_back(it->second);
        return it->second;
      };
      if (l.lines.empty()) {
        loc_nodes_.push_back(
            node_for(RawKey{0, l.mapping, 0, l.address, true}));
        continue;
      }
      for (const Line& ln : l.lines) {
        loc_nodes_.push_back(node_for(
            RawKey{ln.function, l.mapping, ln.line, l.address, false}));
      }
    }
    loc_begin_.push_back(static_cast<uint32_t>(loc_nodes_.size()));
    names_.resize(infos_.size());
    for (size_t i = 0; i < infos_.size(); ++i)
      names_[i] = infos_[i].Printable();
    kept_.assign(infos_.size(), 1);
  }

  size_t num_nodes() const { return infos_.size(); }
  const std::string& name(uint32_t n) const { return names_[n]; }
  const std::string key(uint32_t n) const { return infos_[n].Key(); }

  void SetKept(const std::vector<uint32_t>& nodes) {
    kept_.assign(infos_.size(), 0);
    for (uint32_t n : nodes) kept_[n] = 1;
  }

  // Sums the samples over the kept nodes; with `edges`, also the call
  // edges (needed only for the final graph's "(inline)" labels).
  void Build(bool edges) {
    const size_t nn = infos_.size();
    const size_t nx = o_.extra_columns.size();
    flat_.assign(nn, 0);
    cum_.assign(nn, 0);
    xflat_.assign(nn * nx, 0);
    xcum_.assign(nn * nx, 0);
    seen_.assign(nn, 0);
    edge_keys_.clear();
    edges_.clear();
    edge_table_ = stack::IndexTable();
    uint64_t stamp = 0;
    const int vi = o_.sample_index;
    for (const Sample& s : p_.samples) {
      const int64_t w = s.values[vi];
      bool any_extra = false;
      for (int c : o_.extra_columns) any_extra = any_extra || s.values[c] != 0;
      if (w == 0 && !any_extra) continue;
      ++stamp;
      int64_t parent = -1;
      bool residual = false;
      for (size_t i = s.locations.size(); i-- > 0;) {
        uint32_t loc = s.locations[i];
        uint32_t b = loc_begin_[loc], e = loc_begin_[loc + 1];
        for (uint32_t k = e; k-- > b;) {
          uint32_t n = loc_nodes_[k];
          if (!kept_[n]) {
            residual = true;
            continue;
          }
          if (seen_[n] != stamp) {
            seen_[n] = stamp;
            cum_[n] = AddWrap(cum_[n], w);
            for (size_t c = 0; c < nx; ++c) {
              xcum_[n * nx + c] =
                  AddWrap(xcum_[n * nx + c], s.values[o_.extra_columns[c]]);
            }
          }
          if (edges && w != 0 && parent >= 0 &&
              static_cast<uint32_t>(parent) != n) {
            uint64_t ek = (static_cast<uint64_t>(parent) << 32) | n;
            bool added;
            uint32_t ei = edge_table_.FindOrInsert(
                stack::MixHash(ek), static_cast<uint32_t>(edges_.size()),
                [&](uint32_t j) { return edge_keys_[j] == ek; }, &added);
            if (added) {
              edge_keys_.push_back(ek);
              edges_.emplace_back();
            }
            EdgeAcc& edge = edges_[ei];
            if (edge.stamp != stamp) {
              edge.stamp = stamp;
              edge.weight = AddWrap(edge.weight, w);
              if (k != e - 1) {
                // inline stays true only while every path is inlined
              } else {
                edge.inline_edge = false;
              }
            }
          }
          parent = n;
          residual = false;
        }
      }
      if (parent >= 0 && !residual) {
        flat_[parent] = AddWrap(flat_[parent], w);
        for (size_t c = 0; c < nx; ++c) {
          xflat_[parent * nx + c] =
              AddWrap(xflat_[parent * nx + c], s.values[o_.extra_columns[c]]);
        }
      }
    }
    graph_.clear();
    for (uint32_t n = 0; n < nn; ++n) {
      if (kept_[n] && (cum_[n] != 0 || flat_[n] != 0)) graph_.push_back(n);
    }
  }

  void Sort() {
    auto by_flat = [&](uint32_t l, uint32_t r) {
      if (Abs(flat_[l]) != Abs(flat_[r])) return Abs(flat_[l]) > Abs(flat_[r]);
      if (names_[l] != names_[r]) return names_[l] < names_[r];
      if (Abs(cum_[l]) != Abs(cum_[r])) return Abs(cum_[l]) > Abs(cum_[r]);
      return infos_[l].Key() < infos_[r].Key();
    };
    auto by_cum = [&](uint32_t l, uint32_t r) {
      if (Abs(cum_[l]) != Abs(cum_[r])) return Abs(cum_[l]) > Abs(cum_[r]);
      if (names_[l] != names_[r]) return names_[l] < names_[r];
      if (Abs(flat_[l]) != Abs(flat_[r])) return Abs(flat_[l]) > Abs(flat_[r]);
      return infos_[l].Key() < infos_[r].Key();
    };
    if (o_.cum_sort) {
      std::sort(graph_.begin(), graph_.end(), by_cum);
    } else {
      std::sort(graph_.begin(), graph_.end(), by_flat);
    }
  }

  // The "(inline)" labels after edges below the cutoff are dropped.
  std::vector<std::string> InlineLabels(int64_t edge_cutoff) const {
    std::vector<uint8_t> mark(infos_.size(), 0);  // 1 inline, 2 not inline
    for (size_t i = 0; i < edges_.size(); ++i) {
      const EdgeAcc& e = edges_[i];
      if (Abs(e.weight) < edge_cutoff) continue;
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

  const std::vector<uint32_t>& graph() const { return graph_; }
  int64_t flat(uint32_t n) const { return flat_[n]; }
  int64_t cum(uint32_t n) const { return cum_[n]; }
  int64_t xflat(uint32_t n, size_t c) const {
    return xflat_[n * o_.extra_columns.size() + c];
  }
  int64_t xcum(uint32_t n, size_t c) const {
    return xcum_[n * o_.extra_columns.size() + c];
  }

 private:
  const Profile& p_;
  const TopOptions& o_;
  std::vector<NodeInfo> infos_;
  std::vector<std::string> names_;
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

std::string TrimSpace(std::string s) {
  size_t b = s.find_first_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b);
}

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

std::string TopReport::Format(int64_t v) const {
  return ScaledLabel(v, sample_unit, output_unit);
}

int64_t ComputeTotal(const Profile& p, int index,
                     const std::vector<bool>* diff_base) {
  int64_t total = 0, base_total = 0;
  for (size_t i = 0; i < p.samples.size(); ++i) {
    int64_t v = Abs(p.samples[i].values[index]);
    total = AddWrap(total, v);
    if (diff_base != nullptr && (*diff_base)[i]) {
      base_total = AddWrap(base_total, v);
    }
  }
  return base_total > 0 ? base_total : total;
}

std::string FormatProfileTime(int64_t time_nanos) {
  time_t secs = static_cast<time_t>(time_nanos / 1000000000);
  if (time_nanos < 0 && time_nanos % 1000000000 != 0) --secs;
  struct tm tm;
  localtime_r(&secs, &tm);
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int hour12 = tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12;
  char zone[64];
  std::strftime(zone, sizeof(zone), "%Z", &tm);
  char buf[160];
  std::snprintf(buf, sizeof(buf), "%s %d, %d at %d:%02d%s (%s)",
                kMonths[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900, hour12,
                tm.tm_min, tm.tm_hour < 12 ? "am" : "pm", zone);
  return buf;
}

TopReport BuildTop(Profile* p, const TopOptions& o, int64_t total) {
  TopReport r;
  r.total = total;
  r.sample_type = p->sample_types[o.sample_index].type;
  r.sample_unit = p->sample_types[o.sample_index].unit;
  for (char& c : r.sample_unit) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  Aggregate(p, o.granularity);

  GraphBuilder g(*p, o);
  g.Build(false);
  int64_t total_value = 0;
  for (uint32_t n : g.graph()) total_value = AddWrap(total_value, g.flat(n));
  const int64_t node_cutoff = Abs(
      static_cast<int64_t>(static_cast<double>(total_value) * o.node_fraction));
  const int64_t edge_cutoff = Abs(
      static_cast<int64_t>(static_cast<double>(total_value) * o.edge_fraction));
  size_t dropped = 0;
  std::vector<uint32_t> kept;
  if (node_cutoff > 0) {
    for (uint32_t n : g.graph()) {
      if (Abs(g.cum(n)) >= node_cutoff) kept.push_back(n);
    }
    if (kept.size() != g.graph().size()) {
      dropped = g.graph().size() - kept.size();
      g.SetKept(kept);
    }
  }
  // Each refinement rebuilds the sums from the samples, as pprof does; the
  // last build also collects the call edges for the "(inline)" labels.
  const bool top_n =
      o.node_count > 0 && static_cast<size_t>(o.node_count) <
                              (dropped > 0 ? kept.size() : g.graph().size());
  if (dropped > 0 || !top_n) g.Build(/*edges=*/!top_n);
  const size_t orig_count = g.graph().size();
  g.Sort();
  if (o.node_count > 0 &&
      static_cast<size_t>(o.node_count) < g.graph().size()) {
    std::vector<uint32_t> top(g.graph().begin(),
                              g.graph().begin() + o.node_count);
    g.SetKept(top);
    g.Build(/*edges=*/true);
    g.Sort();
  }
  std::vector<std::string> inline_labels = g.InlineLabels(edge_cutoff);

  // The output unit: pprof's "minimum" picks the unit of the smallest
  // non-zero value, unless that is 100x below the total's unit.
  r.output_unit = o.unit;
  if (o.unit == "minimum" && !g.graph().empty()) {
    int64_t min_value = 0;
    for (uint32_t n : g.graph()) {
      int64_t v = Abs(g.flat(n));
      if (v == 0) v = Abs(g.cum(n));
      if (v > 0 && (min_value == 0 || v < min_value)) min_value = v;
    }
    int64_t max_value = total;
    if (min_value == 0) min_value = max_value;
    std::string min_unit, max_unit, unit;
    ScaleValue(min_value, r.sample_unit, "minimum", &min_unit);
    ScaleValue(max_value, r.sample_unit, "minimum", &max_unit);
    unit = min_unit;
    if (min_unit != max_unit && min_value < INT64_MAX / 100 &&
        min_value * 100 < max_value) {
      ScaleValue(100 * min_value, r.sample_unit, "minimum", &unit);
    }
    r.output_unit = unit.empty() ? r.sample_unit : unit;
  }

  for (uint32_t n : g.graph()) {
    TopRow row;
    row.name = g.name(n);
    row.inline_label = inline_labels[n];
    row.flat = g.flat(n);
    row.cum = g.cum(n);
    for (size_t c = 0; c < o.extra_columns.size(); ++c) {
      row.extra_flat.push_back(g.xflat(n, c));
      row.extra_cum.push_back(g.xcum(n, c));
    }
    r.rows.push_back(std::move(row));
  }

  // Header lines, as pprof's ProfileLabels and reportLabels.
  if (!p->mappings.empty()) {
    if (!p->mappings[0].file.empty()) {
      r.labels.push_back("File: " + p->MainBinary());
    }
    if (!p->mappings[0].build_id.empty()) {
      r.labels.push_back("Build ID: " + p->mappings[0].build_id);
    }
  }
  for (const std::string& c : p->comments) {
    if (c.empty() || c[0] != '#') r.labels.push_back(c);
  }
  r.labels.push_back("Type: " + r.sample_type);
  r.labels.insert(r.labels.end(), o.type_details.begin(), o.type_details.end());
  if (p->time_nanos != 0) {
    r.labels.push_back("Time: " + FormatProfileTime(p->time_nanos));
  }
  if (p->duration_nanos != 0) {
    std::string duration =
        ScaledLabel(p->duration_nanos, "nanoseconds", "auto");
    std::string total_unit;
    double total_nanos =
        ScaleValue(total, r.sample_unit, "nanoseconds", &total_unit);
    std::string ratio;
    if (total_unit == "ns" && total_nanos != 0) {
      ratio = "(" +
              Percentage(static_cast<int64_t>(total_nanos), p->duration_nanos) +
              ")";
    }
    r.labels.push_back("Duration: " + duration +
                       ", Total samples = " + r.Format(total) + " " + ratio);
  }
  if (!o.active_filters.empty()) {
    r.labels.push_back("Active filters:");
    for (const std::string& f : o.active_filters) {
      r.labels.push_back(
          "   " + (f.size() > 80 ? f.substr(0, 80) + "\xe2\x80\xa6" : f));
    }
  }
  int64_t flat_sum = 0;
  for (const TopRow& row : r.rows) flat_sum = AddWrap(flat_sum, row.flat);
  r.labels.push_back("Showing nodes accounting for " + r.Format(flat_sum) +
                     ", " + TrimSpace(Percentage(flat_sum, total)) + " of " +
                     r.Format(total) + " total");
  if (total != 0) {
    if (dropped > 0) {
      r.labels.push_back("Dropped " + std::to_string(dropped) +
                         (dropped > 1 ? " nodes" : " node") + " (cum <= " +
                         r.Format(Abs(static_cast<int64_t>(
                             static_cast<double>(total) * o.node_fraction))) +
                         ")");
    }
    if (!r.rows.empty() && r.rows.size() < orig_count) {
      r.labels.push_back("Showing top " + std::to_string(r.rows.size()) +
                         " nodes out of " + std::to_string(orig_count));
    }
  }
  return r;
}

void WriteTopText(const TopReport& r, std::string* out) {
  for (const std::string& l : r.labels) {
    out->append(l).push_back('\n');
  }
  char buf[512];
  std::snprintf(buf, sizeof(buf), "%10s %5s%% %5s%% %10s %5s%%\n", "flat",
                "flat", "sum", "cum", "cum");
  out->append(buf);
  int64_t flat_sum = 0;
  for (const TopRow& row : r.rows) {
    flat_sum = AddWrap(flat_sum, row.flat);
    std::snprintf(
        buf, sizeof(buf), "%10s %s %s %10s %s  ", r.Format(row.flat).c_str(),
        Percentage(row.flat, r.total).c_str(),
        Percentage(flat_sum, r.total).c_str(), r.Format(row.cum).c_str(),
        Percentage(row.cum, r.total).c_str());
    out->append(buf);
    out->append(row.name);
    if (!row.inline_label.empty()) out->append(" ").append(row.inline_label);
    out->push_back('\n');
  }
}

}  // namespace pprof
