#include "common/goroutine/analysis.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>

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

// Adds one file's dump facts to the sum over the files.
void AddInfo(const DumpInfo& info, DumpInfo* sum) {
  sum->goroutines += info.goroutines;
  sum->records += info.records;
  if (info.declared_total >= 0) {
    const int64_t before = std::max<int64_t>(0, sum->declared_total);
    sum->declared_total = info.declared_total > INT64_MAX - before
                              ? INT64_MAX
                              : before + info.declared_total;
  }
  if (sum->panic_message.empty()) {
    sum->panic_message = info.panic_message;
    sum->signal = info.signal;
  }
  sum->leak_profile |= info.leak_profile;
  sum->sigquit |= info.sigquit;
  if (info.truncated && !sum->truncated) {
    sum->truncated = true;
    sum->truncated_line = info.truncated_line;
  }
  sum->lines += info.lines;
  sum->bytes += info.bytes;
  sum->ignored_lines += info.ignored_lines;
  sum->saw_traceback |= info.saw_traceback;
  sum->saw_aggregated |= info.saw_aggregated;
}

// Which clusters the report shows (--min-count, --min-wait, --filter).
struct Visibility {
  const AnalysisOptions& options;
  const RE2* filter;  // nullptr: no --filter

  bool operator()(const Cluster& c, const ClusterSet& set) const {
    if (c.count < options.min_count) return false;
    if (options.min_wait_seconds > 0 &&
        (static_cast<double>(c.wait_max) + 1) * 60 <=
            options.min_wait_seconds) {
      return false;
    }
    return filter == nullptr || RE2::PartialMatch(FilterText(c, set), *filter);
  }
};

uint64_t CountIn(const Cluster& c, const ClusterSet& now,
                 const ClusterSet& other) {
  int64_t i = other.FindAcrossVersions(now.Key(c), c.hash);
  return i < 0 ? 0 : other.clusters()[i].count;
}

// How a cluster of `now` changed since the base dump, and with earlier
// dumps its count in each.
void Compare(const Cluster& c, const ClusterSet& now, const Analysis& a,
             ClusterEntry* e) {
  const ClusterSet& base = *a.base.clusters;
  int64_t b = base.FindAcrossVersions(now.Key(c), c.hash);
  if (!a.earlier.empty()) {
    for (const LoadedDump& d : a.earlier) {
      e->series.push_back(CountIn(c, now, *d.clusters));
    }
    e->series.push_back(b < 0 ? 0 : base.clusters()[b].count);
    e->series.push_back(c.count);
  }
  if (b < 0) {
    e->change = Change::kNew;
    return;
  }
  e->base_count = base.clusters()[b].count;
  e->change = c.count > e->base_count   ? Change::kGrew
              : c.count < e->base_count ? Change::kShrank
                                        : Change::kSame;
}

DumpContext ContextOf(const LoadedDump& d, int64_t threads) {
  DumpContext context;
  context.runtime_deadlock =
      d.info.panic_message.find("all goroutines are asleep") !=
      std::string::npos;
  context.leak_profile = d.info.leak_profile;
  context.crashed_process = !d.info.panic_message.empty();
  context.threads = threads;
  return context;
}

uint64_t AwakeTwins(const Cluster& c, const ClusterSet& set) {
  uint64_t n = 0;
  for (std::string_view s : {"runnable", "running"}) {
    int64_t t = set.FindTwin(c, s);
    if (t >= 0) n += set.clusters()[t].count;
  }
  return n;
}

// Rule 10b both ways: a blocked cluster with awake twins, and an awake
// cluster whose blocked twin makes it part of the same loop.
void WakeRule(const Cluster& c, const ClusterSet& set, LeakVerdict* v) {
  if (IsWakeableWait(c, set)) {
    ApplyWakeRule(c, set, AwakeTwins(c, set), v);
    return;
  }
  if (c.state == kNoSymbol) return;
  std::string_view state = set.Name(c.state);
  if (state != "runnable" && state != "running") return;
  for (std::string_view s : {"select", "chan receive", "sleep"}) {
    int64_t t = set.FindTwin(c, s);
    if (t < 0) continue;
    const Cluster& blocked = set.clusters()[t];
    ApplyWakeRule(blocked, set, AwakeTwins(blocked, set), v);
    return;
  }
}

void SetVerdict(LeakVerdict v, ClusterEntry* e) {
  e->kind = v.kind;
  e->suspect = IsSuspect(v.kind);
  e->reason = std::move(v.reason);
  e->evidence = std::move(v.evidence);
}

// Phase 1: every cluster of `now`, judged from this dump, then by the lock
// view and (with a base) by its change; the hidden ones are only counted.
void JudgeNow(const Visibility& visible, Analysis* a) {
  const ClusterSet& now = *a->now.clusters;
  const DumpContext context = ContextOf(a->now, a->threads);
  for (uint32_t i = 0; i < now.clusters().size(); ++i) {
    const Cluster& c = now.clusters()[i];
    ClusterEntry e;
    e.set = &now;
    e.index = i;
    LeakVerdict v = ClassifyCluster(c, now, context);
    ApplyLockRules(c, now, a->locks, &v);
    if (!c.crashed) WakeRule(c, now, &v);
    if (a->has_base) {
      Compare(c, now, *a, &e);
      ApplyBaseRule(e.change, e.base_count, c.count, e.series, &v);
    }
    SetVerdict(std::move(v), &e);
    if (!visible(c, now)) {
      ++a->hidden_clusters;
      continue;
    }
    a->entries.push_back(std::move(e));
  }
}

// Phase 2: the base's clusters that are gone from `now`: not judged again
// (nothing of them is left), listed with the rest.
void AddGone(const Visibility& visible, Analysis* a) {
  const ClusterSet& now = *a->now.clusters;
  const ClusterSet& base = *a->base.clusters;
  for (uint32_t i = 0; i < base.clusters().size(); ++i) {
    const Cluster& c = base.clusters()[i];
    if (now.FindAcrossVersions(base.Key(c), c.hash) >= 0) continue;
    if (!visible(c, base)) continue;
    ClusterEntry e;
    e.set = &base;
    e.index = i;
    LeakVerdict v = ClassifyCluster(c, base, ContextOf(a->base, -1));
    v.kind = VerdictKind::kHealthy;
    v.evidence.clear();
    SetVerdict(std::move(v), &e);
    e.change = Change::kGone;
    e.base_count = c.count;
    a->entries.push_back(std::move(e));
  }
}

int64_t Growth(const ClusterEntry& e) {
  if (e.change == Change::kGone) return -static_cast<int64_t>(e.base_count);
  return static_cast<int64_t>(e.cluster().count) -
         static_cast<int64_t>(e.base_count);
}

// Report order of the verdicts: suspects, unsure, healthy.
int KindRank(VerdictKind k) {
  switch (k) {
    case VerdictKind::kProven:
      return 0;
    case VerdictKind::kGrowing:
      return 1;
    case VerdictKind::kPileUp:
      return 2;
    case VerdictKind::kUnsure:
      return 3;
    case VerdictKind::kHealthy:
      return 4;
  }
  return 4;
}

// Phase 3, the order: suspects first, then unsure; with a base, growth
// first; then count, longest wait, first appearance (stable).
void Rank(Analysis* a) {
  const bool has_base = a->has_base;
  auto before = [has_base](const ClusterEntry& x, const ClusterEntry& y) {
    int kx = x.suspect ? 0 : KindRank(x.kind);
    int ky = y.suspect ? 0 : KindRank(y.kind);
    if (kx != ky) return kx < ky;
    if (has_base) {
      bool gx = x.change == Change::kGrew || x.change == Change::kNew;
      bool gy = y.change == Change::kGrew || y.change == Change::kNew;
      if (gx != gy) return gx;
      int64_t dx = Growth(x), dy = Growth(y);
      if (dx != dy) return dx > dy;
    }
    const Cluster& cx = x.cluster();
    const Cluster& cy = y.cluster();
    uint64_t nx = x.change == Change::kGone ? 0 : cx.count;
    uint64_t ny = y.change == Change::kGone ? 0 : cy.count;
    if (nx != ny) return nx > ny;
    return cx.wait_max > cy.wait_max;
  };
  std::stable_sort(a->entries.begin(), a->entries.end(), before);
}

// Phase 3b: the holder of a convoy right after the goroutines queued
// behind it, so the culprit is read with its queue.
void PlaceHolders(Analysis* a) {
  const ClusterSet* now = a->now.clusters.get();
  for (const LockGroup& g : a->locks.groups) {
    if (!g.holder.found || g.count < kPileUpCount) continue;
    int64_t holder = -1, last_waiter = -1;
    for (size_t i = 0; i < a->entries.size(); ++i) {
      const ClusterEntry& e = a->entries[i];
      if (e.set != now || e.change == Change::kGone) continue;
      if (e.index == g.holder.cluster) holder = static_cast<int64_t>(i);
      for (const LockWait& w : g.waiters) {
        if (w.cluster == e.index) last_waiter = static_cast<int64_t>(i);
      }
    }
    if (holder < 0 || last_waiter < 0 || holder <= last_waiter + 1) continue;
    auto first = a->entries.begin();
    std::rotate(first + last_waiter + 1, first + holder, first + holder + 1);
  }
}

// Phase 4: the totals the headline and --fail-on-leak read.
void CountSuspects(Analysis* a) {
  a->suspect_goroutines = a->suspect_clusters = 0;
  a->growing_suspect_clusters = 0;
  a->unsure_goroutines = a->unsure_clusters = 0;
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
    } else if (e.kind == VerdictKind::kUnsure) {
      a->unsure_goroutines += e.cluster().count;
      ++a->unsure_clusters;
    }
    if (e.cluster().crashed && a->crashed < 0) a->crashed = static_cast<int>(i);
  }
}

}  // namespace

uint64_t FailingClusters(const Analysis& a) {
  return a.has_base ? a.growing_suspect_clusters : a.suspect_clusters;
}

bool LoadDumps(const std::vector<std::string>& files, Similarity similarity,
               stack::SymbolTable* symbols, io::BadLineSink* bad_lines,
               LoadedDump* out, std::string* error) {
  out->clusters = std::make_unique<ClusterSet>(symbols, similarity);
  std::vector<std::string> names = files;
  if (names.empty()) names.push_back("-");
  for (const std::string& path : names) {
    std::unique_ptr<io::InputFile> in = io::InputFile::Open(path, error);
    if (!in) return false;
    out->names.push_back(in->name());
    bad_lines->set_source(in->name());
    DumpInfo info;
    bool ok = ParseDump(in.get(), out->clusters.get(), bad_lines, &info, error);
    AddInfo(info, &out->info);
    if (info.second_dump_line > 0 && out->second_dump_line == 0) {
      out->second_dump_file = in->name();
      out->second_dump_line = info.second_dump_line;
    }
    if (info.saw_goroutine_one) out->files_with_main.push_back(in->name());
    if (!ok) return false;
    if (info.thread_profile) {
      // Its records are OS threads, not goroutines: counting them as
      // goroutines would misjudge every one.
      *error = in->name() +
               ": a threadcreate profile counts OS threads, not goroutines; "
               "give it as --threads " +
               in->name();
      return false;
    }
    if (bad_lines->stopped()) return true;
  }
  return true;
}

std::vector<std::string> LoadWarnings(const LoadedDump& d) {
  std::vector<std::string> out;
  const std::string names = d.names.size() == 1 ? d.names[0] : "input";
  if (d.info.truncated) {
    out.push_back(names + ": dump cut off at line " +
                  std::to_string(d.info.truncated_line) +
                  "; the goroutines before the cut are counted");
  }
  if (d.second_dump_line > 0) {
    out.push_back(d.second_dump_file + ": a second dump starts at line " +
                  std::to_string(d.second_dump_line) +
                  "; the goroutines of both are counted together (compare "
                  "two dumps with --base EARLIER instead)");
  }
  if (d.files_with_main.size() > 1) {
    out.push_back(d.files_with_main[1] + ": another dump (goroutine 1 again, " +
                  "first in " + d.files_with_main[0] +
                  "); the files' goroutines are counted together (compare "
                  "two dumps with --base EARLIER instead)");
  }
  return out;
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
  const Visibility visible{options, filter.get()};
  a->entries.clear();
  a->threads = options.threads;
  a->locks = BuildLockView(*a->now.clusters);
  JudgeNow(visible, a);
  if (a->has_base) AddGone(visible, a);
  Rank(a);
  PlaceHolders(a);
  CountSuspects(a);
  return true;
}

}  // namespace goroutine
