#include "common/goroutine/text_report.h"

#include <utility>
#include <vector>

#include "common/goroutine/leak_rules.h"
#include "common/goroutine/lock_holder.h"
#include "common/io/terminal_text.h"
#include "common/stack/go_names.h"

namespace goroutine {
namespace {

constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kReset = "\x1b[0m";

std::string Plural(uint64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string WaitText(const Cluster& c) {
  if (!c.wait_known || c.wait_max == 0) return "";
  if (c.wait_min == c.wait_max) {
    return " for " + Plural(c.wait_max, "minute", "minutes");
  }
  return " for " + std::to_string(c.wait_min) + "-" +
         std::to_string(c.wait_max) + " minutes";
}

// Frames top first: user frames one per line; a run of more than three
// standard-library frames shows its ends and how many were left out.
void WriteStack(const Cluster& c, const ClusterSet& set, std::string* out) {
  auto frame_line = [&](const Frame& f) {
    out->append("    ");
    out->append(set.Name(f.func));
    out->append("  ");
    out->append(ShortLocation(f, set));
    out->push_back('\n');
  };
  size_t i = 0;
  while (i < c.frames.size()) {
    size_t j = i;
    while (j < c.frames.size() &&
           stack::IsStandardLibrary(set.Name(c.frames[j].func))) {
      ++j;
    }
    if (j - i > 3) {
      frame_line(c.frames[i]);
      out->append("    ... " + std::to_string(j - i - 2) +
                  " standard-library frames ...\n");
      frame_line(c.frames[j - 1]);
      i = j;
      continue;
    }
    if (j == i) ++j;
    for (; i < j; ++i) frame_line(c.frames[i]);
  }
  if (c.elided) out->append("    ...frames elided by the Go runtime...\n");
}

std::string ChangeText(const ClusterEntry& e) {
  uint64_t now = e.change == Change::kGone ? 0 : e.cluster().count;
  switch (e.change) {
    case Change::kNew:
      return "[new] ";
    case Change::kGrew:
      return "[grew +" + std::to_string(now - e.base_count) + " from " +
             std::to_string(e.base_count) + "] ";
    case Change::kShrank:
      return "[shrank -" + std::to_string(e.base_count - now) + " from " +
             std::to_string(e.base_count) + "] ";
    case Change::kGone:
      return "[gone, was " + std::to_string(e.base_count) + "] ";
    case Change::kSame:
      return "[same] ";
    case Change::kNone:
      break;
  }
  return "";
}

std::string Ids(const Cluster& c) {
  std::string s;
  for (uint64_t id : c.ids) {
    s.append(s.empty() ? "" : ",");
    s.append(std::to_string(id));
  }
  if (c.count > c.ids.size() && !s.empty()) {
    s.append(" (and " + std::to_string(c.count - c.ids.size()) + " more)");
  }
  return s;
}

// The report under construction: its text, and where the report's own
// colour codes go. Every other control byte came from the dump (function
// names, files, panic messages); Finish() neutralises those first and only
// then adds the codes, so a dump cannot drive the terminal (retitle it,
// clear it, hide lines) the report is read in.
class ReportText {
 public:
  explicit ReportText(bool color) : color_(color) {}
  std::string& text() { return text_; }
  void Color(const char* code) {
    if (color_) codes_.emplace_back(text_.size(), code);
  }
  std::string Finish() {
    io::ReplaceControlBytes(&text_);
    if (codes_.empty()) return std::move(text_);
    std::string out;
    size_t from = 0;
    for (const auto& [at, code] : codes_) {
      out.append(text_, from, at - from);
      out.append(code);
      from = at;
    }
    out.append(text_, from, std::string::npos);
    return out;
  }

 private:
  bool color_;
  std::string text_;
  std::vector<std::pair<size_t, const char*>> codes_;  // offset, code
};

// "goroutine dump: N goroutines in M clusters", then the crash, the cut
// and what the options hid.
void WriteHeadline(const Analysis& a, std::string* out) {
  const ClusterSet& now = *a.now.clusters;
  const DumpInfo& info = a.now.info;
  out->append(
      "goroutine dump: " + Plural(info.goroutines, "goroutine", "goroutines") +
      " in " + Plural(now.clusters().size(), "cluster", "clusters"));
  if (info.declared_total >= 0 &&
      static_cast<uint64_t>(info.declared_total) != info.goroutines) {
    out->append(" (profile says total " + std::to_string(info.declared_total) +
                ")");
  }
  if (a.has_base) {
    out->append("; base: " +
                Plural(a.base.info.goroutines, "goroutine", "goroutines"));
    if (!a.earlier.empty()) {
      out->append("; before it:");
      for (size_t i = 0; i < a.earlier.size(); ++i) {
        out->append((i ? ", " : " ") +
                    std::to_string(a.earlier[i].info.goroutines));
      }
    }
  }
  out->append("\n");
  if (!info.panic_message.empty()) {
    // Every line of the crash text: nested panics, multi-line messages.
    out->append(info.panic_message);
    if (!info.signal.empty()) out->append("\n" + info.signal);
    if (a.crashed >= 0) {
      const Cluster& c = a.entries[a.crashed].cluster();
      int u = FirstUserFrame(c, now);
      out->append("\n  in goroutine " + std::to_string(c.crashed_id));
      if (c.state != kNoSymbol) {
        out->append(" [" + std::string(now.Name(c.state)) + "]");
      }
      if (u >= 0) {
        out->append(" at ");
        out->append(now.Name(c.frames[u].func));
        out->append(" (" + ShortLocation(c.frames[u], now) + ")");
      }
    }
    out->append("\n");
  }
  if (info.leak_profile) {
    out->append(
        "goroutineleak profile: every goroutine in it is one the Go runtime "
        "proved leaked\n");
  }
  if (a.threads >= 0) {
    out->append("OS threads: " + std::to_string(a.threads) + " (--threads)\n");
  }
  if (info.truncated) {
    out->append("dump truncated at line " +
                std::to_string(info.truncated_line) +
                ": everything before the cut is counted\n");
  }
  if (a.hidden_clusters > 0) {
    out->append(Plural(a.hidden_clusters, "cluster", "clusters") +
                " hidden by --min-count/--min-wait/--filter\n");
  }
}

// One judged cluster: what, "why: [kind] reason; goroutines", the
// evidence, and (unless --no-stacks) its frames.
void WriteJudged(const ClusterEntry& e, const TextOptions& o, ReportText* r) {
  std::string& out = r->text();
  r->Color(kBold);
  out.append(ChangeText(e));
  out.append(DescribeCluster(e.cluster(), *e.set));
  r->Color(kReset);
  out.append("\n    why: [");
  out.append(VerdictName(e.kind));
  out.append("] ");
  out.append(e.reason);
  std::string ids = Ids(e.cluster());
  if (!ids.empty()) out.append("; goroutines " + ids);
  out.append("\n");
  if (!e.evidence.empty()) out.append("    evidence: " + e.evidence + "\n");
  if (o.show_stacks) WriteStack(e.cluster(), *e.set, &out);
}

// "LEAK SUSPECTS: ..." and each suspect (proven, growing, pile-up).
void WriteSuspects(const Analysis& a, const TextOptions& o, ReportText* r) {
  std::string& out = r->text();
  out.append("\n");
  r->Color(kRed);
  if (a.suspect_clusters == 0) {
    out.append("no leak suspects");
  } else {
    out.append("LEAK SUSPECTS: " +
               Plural(a.suspect_goroutines, "goroutine", "goroutines") +
               " in " + Plural(a.suspect_clusters, "cluster", "clusters"));
  }
  r->Color(kReset);
  out.append("\n");
  for (const ClusterEntry& e : a.entries) {
    if (e.suspect) WriteJudged(e, o, r);
  }
}

// "UNSURE ...": clusters one dump cannot judge, apart from the suspects.
void WriteUnsure(const Analysis& a, ReportText* r) {
  if (a.unsure_clusters == 0) return;
  std::string& out = r->text();
  out.append("\n");
  r->Color(kBold);
  out.append("UNSURE FROM ONE DUMP: " +
             Plural(a.unsure_goroutines, "goroutine", "goroutines") + " in " +
             Plural(a.unsure_clusters, "cluster", "clusters") +
             " (not suspects; compare with a second dump: --base)");
  r->Color(kReset);
  out.append("\n");
  TextOptions no_stacks;
  no_stacks.show_stacks = false;
  for (const ClusterEntry& e : a.entries) {
    if (e.kind == VerdictKind::kUnsure) WriteJudged(e, no_stacks, r);
  }
}

// "main.audit takes 0x92fdf0 (ledger.go:48) then waits for 0x92fde8
// (ledger.go:52)".
std::string LockOrderText(const LockOrder& o, uint32_t first, uint32_t second,
                          const ClusterSet& set) {
  std::string file(set.Name(o.file));
  size_t slash = file.rfind('/');
  if (slash != std::string::npos) file = file.substr(slash + 1);
  return std::string(set.Name(o.func)) + " takes " +
         std::string(set.Name(first)) + " (" + file + ":" +
         std::to_string(o.first_line) + ") then waits for " +
         std::string(set.Name(second)) + " (" + file + ":" +
         std::to_string(o.second_line) + ")";
}

// One lock and the user frames waiting for it.
void WriteLockGroup(const LockGroup& g, const ClusterSet& now,
                    std::string* out) {
  out->append(std::string(now.Name(g.kind)) + " " +
              std::string(now.Name(g.lock)) + ": " + std::to_string(g.count) +
              " waiting\n");
  out->append("    " + HolderText(g, now) + "\n");
  for (const LockWait& w : g.waiters) {
    const Cluster& c = now.clusters()[w.cluster];
    out->append("    " + std::to_string(w.count) + " at ");
    if (w.user_frame >= 0) {
      const Frame& f = c.frames[w.user_frame];
      out->append(now.Name(f.func));
      out->append(" (" + ShortLocation(f, now) + ")");
    } else {
      out->append("?");
    }
    out->append("\n");
  }
}

// "LOCKS: ...": each lock with its waiters, then the inversions.
void WriteLocks(const Analysis& a, ReportText* r) {
  if (a.locks.groups.empty() && a.locks.not_grouped == 0) return;
  const ClusterSet& now = *a.now.clusters;
  std::string& out = r->text();
  uint64_t waiting = 0;
  for (const LockGroup& g : a.locks.groups) waiting += g.count;
  out.append("\n");
  r->Color(kBold);
  out.append("LOCKS: " + Plural(waiting, "goroutine", "goroutines") +
             " waiting on " + Plural(a.locks.groups.size(), "lock", "locks"));
  r->Color(kReset);
  if (a.locks.not_grouped > 0) {
    out.append(" (and " + std::to_string(a.locks.not_grouped) +
               " more waiting on locks past the first " +
               std::to_string(ClusterSet::kMaxLockWaits) +
               " lock/cluster pairs: counted, not grouped, not checked for "
               "lock order)");
  }
  out.append("\n");
  for (const LockGroup& g : a.locks.groups) WriteLockGroup(g, now, &out);
  if (a.locks.order_partial) {
    out.append(
        "lock order checked for the first 256 lock sites per function and "
        "4096 lock pairs only\n");
  }
  for (const Inversion& inv : a.locks.inversions) {
    r->Color(kRed);
    out.append("likely lock-order inversion:");
    r->Color(kReset);
    out.append(" " + LockOrderText(inv.first, inv.lock_a, inv.lock_b, now) +
               "; " + LockOrderText(inv.second, inv.lock_b, inv.lock_a, now) +
               "\n");
  }
}

// "NOT LEAKS: ..." and each healthy (or gone) cluster on one line.
void WriteNotLeaks(const Analysis& a, ReportText* r) {
  uint64_t healthy = 0, healthy_clusters = 0;
  bool any_other = false;
  auto healthy_entry = [](const ClusterEntry& e) {
    return !e.suspect && e.kind != VerdictKind::kUnsure;
  };
  for (const ClusterEntry& e : a.entries) {
    any_other |= healthy_entry(e);
    if (!healthy_entry(e) || e.change == Change::kGone) continue;
    healthy += e.cluster().count;
    ++healthy_clusters;
  }
  if (!any_other) return;
  std::string& out = r->text();
  out.append("\n");
  r->Color(kBold);
  out.append("NOT LEAKS: " + Plural(healthy, "goroutine", "goroutines") +
             " in " + Plural(healthy_clusters, "cluster", "clusters"));
  r->Color(kReset);
  out.append("\n");
  for (const ClusterEntry& e : a.entries) {
    if (!healthy_entry(e)) continue;
    r->Color(kDim);
    out.append(ChangeText(e));
    out.append(DescribeCluster(e.cluster(), *e.set));
    out.append(": ");
    out.append(e.reason);
    if (!e.evidence.empty()) out.append(" (" + e.evidence + ")");
    r->Color(kReset);
    out.append("\n");
  }
}

}  // namespace

std::string ShortLocation(const Frame& f, const ClusterSet& set) {
  std::string_view file = set.Name(f.file);
  size_t slash = file.rfind('/');
  if (slash != std::string_view::npos) file = file.substr(slash + 1);
  if (file.empty()) return "?";
  return std::string(file) + ":" + std::to_string(f.line);
}

std::string DescribeCluster(const Cluster& c, const ClusterSet& set) {
  std::string s = Plural(c.count, "goroutine", "goroutines");
  // debug=1 records show no state: "4000 goroutines at F (file:line)".
  if (c.state != kNoSymbol) {
    s.append(" ");
    std::string_view st = set.Name(c.state);
    if (st != "running" && st != "runnable") s.append("blocked in ");
    s.append(st);
    if (c.leaked > 0) s.append(" (leaked)");
  }
  s.append(WaitText(c));
  int u = FirstUserFrame(c, set);
  if (u >= 0) {
    const Frame& f = c.frames[u];
    s.append(" at ");
    s.append(set.Name(f.func));
    s.append(" (" + ShortLocation(f, set) + ")");
  } else if (c.stack_unavailable) {
    s.append(" (stack unavailable: running on another thread)");
  }
  if (c.has_creator) {
    s.append(", created by ");
    s.append(set.Name(c.creator.func));
    s.append(" (" + ShortLocation(c.creator, set) + ")");
    if (!c.parent_ids.empty()) {
      s.append(" in goroutine");
      for (size_t i = 0; i < c.parent_ids.size(); ++i) {
        s.append(i ? "," : " ");
        s.append(std::to_string(c.parent_ids[i]));
      }
      if (c.more_parents > 0) {
        s.append(" (and " + std::to_string(c.more_parents) + " more " +
                 (c.more_parents == 1 ? "goroutine" : "goroutines") +
                 " with other parents)");
      }
    }
  }
  if (c.locked_to_thread > 0) {
    s.append(", " + std::to_string(c.locked_to_thread) + " locked to thread");
  }
  return s;
}

std::string WriteTextReport(const Analysis& a, const TextOptions& o) {
  ReportText r(o.color);
  WriteHeadline(a, &r.text());
  WriteSuspects(a, o, &r);
  WriteUnsure(a, &r);
  WriteLocks(a, &r);
  WriteNotLeaks(a, &r);
  return r.Finish();
}

}  // namespace goroutine
