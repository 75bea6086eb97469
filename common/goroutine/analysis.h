#ifndef COMMON_GOROUTINE_ANALYSIS_H_
#define COMMON_GOROUTINE_ANALYSIS_H_

// One goleak-cluster run: parse the dump(s), cluster, judge each cluster
// with the leak rules, build the lock view, and (with a base dump) compare.
// The writers (text_report, json_report, folded) read the result.

#include <memory>
#include <string>
#include <vector>

#include "common/goroutine/cluster_set.h"
#include "common/goroutine/dump_parser.h"
#include "common/goroutine/leak_rules.h"
#include "common/goroutine/lock_view.h"
#include "common/io/bad_lines.h"
#include "common/stack/symbol_table.h"

namespace goroutine {

// What to keep and how to group.
struct AnalysisOptions {
  Similarity similarity = Similarity::kLines;
  uint64_t min_count = 1;  // hide clusters smaller than this
  // Hide clusters whose longest wait is known to be shorter (seconds). The
  // dump shows whole minutes (Go prints none under one), so a cluster at
  // N minutes waited under N+1: hidden when (N+1) minutes <= this.
  double min_wait_seconds = 0;
  std::string filter;    // RE2; keep clusters whose text matches
  int64_t threads = -1;  // OS threads of the process (--threads); -1 none
};

// A cluster in report order, with its verdict.
struct ClusterEntry {
  const ClusterSet* set = nullptr;  // `now`, or `base` for gone clusters
  uint32_t index = 0;
  VerdictKind kind = VerdictKind::kHealthy;
  bool suspect = false;  // IsSuspect(kind)
  std::string reason;    // what it is doing (the rule's text)
  std::string evidence;  // what the verdict rests on
  Change change = Change::kNone;
  uint64_t base_count = 0;
  // With dumps before the base (--base more than once): the count in each
  // dump, oldest first, now last; empty otherwise.
  std::vector<uint64_t> series;
  const Cluster& cluster() const { return set->clusters()[index]; }
};

// The parsed input(s).
struct LoadedDump {
  std::unique_ptr<ClusterSet> clusters;
  DumpInfo info;  // summed over the files
  std::vector<std::string> names;
  // The first file holding a second dump (DumpInfo::second_dump_line).
  std::string second_dump_file;
  uint64_t second_dump_line = 0;
  // Files that each hold a goroutine 1: several dumps given as several
  // files, counted together (empty when fewer than two).
  std::vector<std::string> files_with_main;
};

struct Analysis {
  std::unique_ptr<stack::SymbolTable> symbols;
  LoadedDump now;
  bool has_base = false;
  LoadedDump base;  // the dump just before `now`
  // Dumps before the base, oldest first (--base given more than once).
  std::vector<LoadedDump> earlier;
  // Visible clusters: suspects first (ranked: proven, growing, pile-up),
  // then unsure, then the rest; with a base, clusters that grew or are new
  // come first among each group.
  std::vector<ClusterEntry> entries;
  uint64_t suspect_goroutines = 0;
  uint64_t suspect_clusters = 0;
  // With a base: suspect clusters that are new or grew since it.
  uint64_t growing_suspect_clusters = 0;
  uint64_t unsure_goroutines = 0;
  uint64_t unsure_clusters = 0;
  int64_t threads = -1;          // --threads
  uint64_t hidden_clusters = 0;  // removed by --min-count/--min-wait/--filter
  LockView locks;
  int crashed = -1;  // index in entries of the cluster that crashed
};

// Parses the files ("-" = stdin) into one cluster set, reporting malformed
// lines to `bad_lines` under each file's name. Returns false with *error
// when a file cannot be opened or read, or is a threadcreate profile; stops
// early (returning true) when a strict sink says stop, so the caller must check
// bad_lines->stopped().
bool LoadDumps(const std::vector<std::string>& files, Similarity similarity,
               stack::SymbolTable* symbols, io::BadLineSink* bad_lines,
               LoadedDump* out, std::string* error);

// What the user should know about a loaded input: the dump was cut off, or
// it holds a second dump (counted together). One line each.
std::vector<std::string> LoadWarnings(const LoadedDump& dump);

// Judges, orders, filters, compares. `analysis->now` (and `base` when
// has_base) must be loaded. Returns false with *error for a bad --filter.
bool Analyze(const AnalysisOptions& options, Analysis* analysis,
             std::string* error);

// What --fail-on-leak counts: suspect clusters (proven, growing, pile-up);
// with a base the question is "did the leak grow?", so only suspects that
// are new or grew since the base (cron/CI use). Unsure never fails a run.
uint64_t FailingClusters(const Analysis& analysis);

}  // namespace goroutine

#endif  // COMMON_GOROUTINE_ANALYSIS_H_
