#include "common/goroutine/analysis.h"

#include <re2/re2.h>

#include <algorithm>

#include "common/goroutine/leak_rules.h"
#include "common/io/input_file.h"

namespace goroutine {
namespace {

// The text --filter matches: state, frames and creator, one per line
// ("func file:line").
std::string FilterText(const Cluster& c, const ClusterSet& set) {
  std::string t(set.Name(c.state));
  auto add = [&](const Frame& f) {
    t.push_back('\n');
    t.append(set.Name(f.func));
    t.push_back(' ');
    t.append(set.Name(f.file));
    t.push_back(':');
    t.append(std::to_string(f.line));
  };
  for (const Frame& f : c.frames) add(f);
  if (c.has_creator) add(c.creator);
  return t;
}

}  // namespace

std::string_view ChangeName(Change c) {
  switch (c) {
    case Change::kNone:
      return "";
    case Change::kNew:
      return "new";
    case Change::kGrew:
      return "grew";
    case Change::kShrank:
      return "shrank";
    case Change::kGone:
      return "gone";
    case Change::kSame:
      return "same";
  }
  return "";
}

bool LoadDumps(const std::vector<std::string>& files, Similarity similarity,
               stack::SymbolTable* symbols, const BadLineFn& on_bad,
               LoadedDump* out, std::string* error) {
  out->clusters = std::make_unique<ClusterSet>(symbols, similarity);
  std::vector<std::string> names = files;
  if (names.empty()) names.push_back("-");
  for (const std::string& path : names) {
    std::unique_ptr<io::InputFile> in = io::InputFile::Open(path, error);
    if (!in) return false;
    const std::string name = in->name();
    out->names.push_back(name);
    out->clusters->set_on_bad_line([&](uint64_t line, std::string_view reason) {
      if (on_bad) on_bad(name, line, reason);
    });
    DumpInfo info;
    bool ok = ParseDump(in.get(), out->clusters.get(), &info, error);
    DumpInfo& sum = out->info;
    sum.goroutines += info.goroutines;
    sum.records += info.records;
    if (info.declared_total >= 0) {
      sum.declared_total =
          std::max<int64_t>(0, sum.declared_total) + info.declared_total;
    }
    if (sum.panic_message.empty()) sum.panic_message = info.panic_message;
    sum.sigquit |= info.sigquit;
    if (info.truncated && !sum.truncated) {
      sum.truncated = true;
      sum.truncated_line = info.truncated_line;
    }
    sum.lines += info.lines;
    sum.bytes += info.bytes;
    sum.ignored_lines += info.ignored_lines;
    sum.saw_traceback |= info.saw_traceback;
    sum.saw_aggregated |= info.saw_aggregated;
    if (!ok) return false;
  }
  out->clusters->set_on_bad_line(nullptr);
  return true;
}

bool Analyze(const AnalysisOptions& options, Analysis* a, std::string* error) {
  std::unique_ptr<RE2> filter;
  if (!options.filter.empty()) {
    filter = std::make_unique<RE2>(options.filter, RE2::Quiet);
    if (!filter->ok()) {
      *error = "bad --filter regular expression: " + filter->error();
      return false;
    }
  }
  const ClusterSet& now = *a->now.clusters;
  auto visible = [&](const Cluster& c, const ClusterSet& set) {
    if (c.count < options.min_count) return false;
    if (options.min_wait > 0 && c.wait_max < options.min_wait) return false;
    if (filter && !RE2::PartialMatch(FilterText(c, set), *filter)) {
      return false;
    }
    return true;
  };

  DumpContext now_context;
  now_context.runtime_deadlock =
      a->now.info.panic_message.find("all goroutines are asleep") !=
      std::string::npos;
  a->entries.clear();
  for (uint32_t i = 0; i < now.clusters().size(); ++i) {
    const Cluster& c = now.clusters()[i];
    ClusterEntry e;
    e.set = &now;
    e.index = i;
    LeakVerdict v = ClassifyCluster(c, now, now_context);
    e.suspect = v.suspect;
    e.reason = v.reason;
    if (a->has_base) {
      const ClusterSet& base = *a->base.clusters;
      int64_t b = base.Find(now.Key(c), c.hash);
      if (b < 0) {
        e.change = Change::kNew;
      } else {
        e.base_count = base.clusters()[b].count;
        e.change = c.count > e.base_count   ? Change::kGrew
                   : c.count < e.base_count ? Change::kShrank
                                            : Change::kSame;
      }
    }
    if (!visible(c, now)) {
      ++a->hidden_clusters;
      continue;
    }
    a->entries.push_back(e);
  }
  if (a->has_base) {
    const ClusterSet& base = *a->base.clusters;
    for (uint32_t i = 0; i < base.clusters().size(); ++i) {
      const Cluster& c = base.clusters()[i];
      if (now.Find(base.Key(c), c.hash) >= 0) continue;
      ClusterEntry e;
      e.set = &base;
      e.index = i;
      LeakVerdict v = ClassifyCluster(c, base);
      e.suspect = v.suspect;
      e.reason = v.reason;
      e.change = Change::kGone;
      e.base_count = c.count;
      if (!visible(c, base)) continue;
      a->entries.push_back(e);
    }
  }
  // Order: suspects first; with a base, growth first; then count, longest
  // wait, first appearance (stable).
  auto growth = [](const ClusterEntry& e) -> int64_t {
    if (e.change == Change::kGone) return -static_cast<int64_t>(e.base_count);
    return static_cast<int64_t>(e.cluster().count) -
           static_cast<int64_t>(e.base_count);
  };
  std::stable_sort(
      a->entries.begin(), a->entries.end(),
      [&](const ClusterEntry& x, const ClusterEntry& y) {
        if (x.suspect != y.suspect) return x.suspect;
        if (a->has_base) {
          bool gx = x.change == Change::kGrew || x.change == Change::kNew;
          bool gy = y.change == Change::kGrew || y.change == Change::kNew;
          if (gx != gy) return gx;
          int64_t dx = growth(x), dy = growth(y);
          if (dx != dy) return dx > dy;
        }
        const Cluster& cx = x.cluster();
        const Cluster& cy = y.cluster();
        uint64_t nx = x.change == Change::kGone ? 0 : cx.count;
        uint64_t ny = y.change == Change::kGone ? 0 : cy.count;
        if (nx != ny) return nx > ny;
        return cx.wait_max > cy.wait_max;
      });
  a->suspect_goroutines = 0;
  a->suspect_clusters = 0;
  a->growing_suspect_clusters = 0;
  a->crashed = -1;
  for (size_t i = 0; i < a->entries.size(); ++i) {
    const ClusterEntry& e = a->entries[i];
    if (e.change == Change::kGone) continue;
    if (e.suspect) {
      a->suspect_goroutines += e.cluster().count;
      ++a->suspect_clusters;
      if (e.change == Change::kNew || e.change == Change::kGrew) {
        ++a->growing_suspect_clusters;
      }
    }
    if (e.cluster().crashed && a->crashed < 0) a->crashed = static_cast<int>(i);
  }
  a->locks = BuildLockView(now);
  // Name the deadlock on the clusters the lock view found in a cycle: the
  // goroutine waiting at an inversion's second Lock holds the first lock.
  for (ClusterEntry& e : a->entries) {
    if (e.set != &now || e.change == Change::kGone) continue;
    const Cluster& c = e.cluster();
    for (const Inversion& inv : a->locks.inversions) {
      for (int k = 0; k < 2; ++k) {
        const LockOrder& o = k == 0 ? inv.first : inv.second;
        uint32_t held = k == 0 ? inv.lock_a : inv.lock_b;
        uint32_t wanted = k == 0 ? inv.lock_b : inv.lock_a;
        for (const Frame& f : c.frames) {
          if (f.func != o.func || f.file != o.file) continue;
          if (f.line == o.second_line) {
            e.reason = "lock-order deadlock: holds " +
                       std::string(now.Name(held)) + ", waits for " +
                       std::string(now.Name(wanted)) +
                       " held by a goroutine that waits for it";
          } else if (f.line == o.first_line) {
            e.reason = "queued on " + std::string(now.Name(held)) +
                       ", which a lock-order deadlock holds";
          }
          break;
        }
      }
    }
  }
  return true;
}

}  // namespace goroutine
