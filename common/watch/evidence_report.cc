#include "common/watch/evidence_report.h"

#include <unistd.h>

#include <cstdio>
#include <memory>

#include "common/goroutine/analysis.h"
#include "common/goroutine/text_report.h"
#include "common/io/bad_lines.h"
#include "common/io/terminal_text.h"
#include "common/pprof/diff.h"
#include "common/pprof/folded.h"
#include "common/pprof/load.h"
#include "common/pprof/top_report.h"
#include "common/watch/flame_file.h"
#include "common/watch/perf_evidence.h"

namespace watch {
namespace {

struct Section {
  std::string text;
  std::string finding;
};

bool Exists(const std::string& path) {
  return !path.empty() && ::access(path.c_str(), R_OK) == 0;
}

// The line after "LEAK SUSPECTS: ..." of a no-stacks report (the first
// suspect, as goleak-cluster prints it), else the summary line.
std::string FirstGoroutineFinding(const goroutine::Analysis& a) {
  goroutine::TextOptions brief;
  brief.show_stacks = false;
  const std::string text = goroutine::WriteTextReport(a, brief);
  const size_t header = text.find("\nLEAK SUSPECTS: ");
  if (header != std::string::npos) {
    const size_t start = text.find('\n', header + 1) + 1;
    return "leak suspect: " +
           text.substr(start, text.find('\n', start) - start);
  }
  return "no leak suspects: " + text.substr(0, text.find('\n'));
}

// goleak-cluster NOW --base BASE.
bool GoroutineSection(const std::string& now, const std::string& base,
                      Section* out) {
  goroutine::Analysis a;
  a.symbols = std::make_unique<stack::SymbolTable>();
  io::BadLineSink bad;
  std::string error;
  const goroutine::Similarity sim = goroutine::Similarity::kLines;
  if (Exists(base)) {
    a.has_base = goroutine::LoadDumps({base}, sim, a.symbols.get(), &bad,
                                      &a.base, &error);
  }
  if (!goroutine::LoadDumps({now}, sim, a.symbols.get(), &bad, &a.now,
                            &error) ||
      !goroutine::Analyze(goroutine::AnalysisOptions(), &a, &error)) {
    out->text = "== goroutines: " + error + "\n";
    return false;
  }
  out->text = "== goroutines: goleak-cluster " + now +
              (a.has_base ? " --base " + base : std::string()) + "\n";
  out->text += goroutine::WriteTextReport(a, goroutine::TextOptions());
  if (bad.count() > 0) {
    out->text += "(skipped " + std::to_string(bad.count()) +
                 " malformed lines, first: " + bad.first() + ")\n";
  }
  out->finding = FirstGoroutineFinding(a);
  return true;
}

// heapdiff [BASE] NOW --nodecount 15: pprof's -top table.
bool ProfileSection(const std::string& title, const std::string& base,
                    const std::string& now, Section* out) {
  io::BadLineSink bad;
  pprof::LoadedProfile before, after;
  std::string error;
  const bool has_base =
      Exists(base) && pprof::LoadProfile(base, &bad, &before, &error);
  pprof::Comparison c;
  pprof::DiffOptions options;
  options.node_count = 15;
  if (!pprof::LoadProfile(now, &bad, &after, &error) ||
      !pprof::Compare(has_base ? &before.profile : nullptr, after.profile,
                      options, &c, &error)) {
    out->text = "== " + title + ": " + error + "\n";
    return false;
  }
  pprof::TopReport top = pprof::TopOfComparison(&c, options);
  out->text = "== " + title + ": heapdiff --nodecount 15 " +
              (has_base ? base + " " : std::string()) + now + "\n";
  pprof::WriteTopText(top, &out->text);
  if (top.rows.empty()) {
    out->finding = title + ": nothing in the profile";
    return true;
  }
  const pprof::TopRow& row = top.rows[0];
  char share[32] = "";
  if (top.total != 0) {
    std::snprintf(
        share, sizeof share, " (%.1f%%)",
        100.0 * static_cast<double>(row.flat) / static_cast<double>(top.total));
  }
  out->finding = title + ": " + row.name + " " + (has_base ? "+" : "") +
                 top.Format(row.flat) + share +
                 (has_base ? " since the baseline" : " flat");
  return true;
}

// The flame graph of a pprof CPU profile, next to it.
void CpuFlame(const std::string& profile, const std::string& svg,
              std::string* text) {
  io::BadLineSink bad;
  pprof::LoadedProfile p;
  stack::FoldedStacks folded;
  std::string error;
  if (!pprof::LoadProfile(profile, &bad, &p, &error) ||
      !pprof::FoldProfile(&p.profile, pprof::FoldOptions(), &folded, &error) ||
      !WriteFlameGraph(folded, "CPU", "nanoseconds", svg, &error)) {
    *text += "flame graph: not drawn: " + error + "\n";
    return;
  }
  *text += "flame graph: " + svg + "\n";
}

}  // namespace

std::string WriteEvidenceReport(const ReportInputs& in) {
  const std::string dir = in.folder + "/";
  const std::string base =
      in.baseline_folder.empty() ? "" : in.baseline_folder + "/";
  std::vector<std::pair<std::optional<Metric>, Section>> sections;
  auto add = [&](std::optional<Metric> m, Section s) {
    sections.emplace_back(m, std::move(s));
  };
  Section s;
  if (Exists(dir + "goroutine.debug2.txt")) {
    GoroutineSection(dir + "goroutine.debug2.txt",
                     base + "goroutine.debug2.txt", &s);
    add(in.metric == Metric::kThreads ? Metric::kThreads : Metric::kGoroutines,
        std::move(s));
  }
  if (Exists(dir + "threadcreate.pb.gz")) {
    ProfileSection("threads", "", dir + "threadcreate.pb.gz", &(s = {}));
    add(Metric::kThreads, std::move(s));
  }
  if (Exists(dir + "heap.pb.gz")) {
    const std::string kept = dir + "heap.baseline.pb.gz";
    ProfileSection("heap", Exists(kept) ? kept : base + "heap.pb.gz",
                   dir + "heap.pb.gz", &(s = {}));
    add(in.metric == Metric::kRss ? Metric::kRss : Metric::kHeap, std::move(s));
  }
  if (Exists(dir + "cpu.pb.gz")) {
    ProfileSection("cpu", "", dir + "cpu.pb.gz", &(s = {}));
    CpuFlame(dir + "cpu.pb.gz", dir + "cpu.svg", &s.text);
    add(Metric::kCpu, std::move(s));
  }
  if (Exists(dir + "cpu.folded")) {
    PerfSection(dir + "cpu.folded", dir + "cpu.svg", &(s = {}).text,
                &s.finding);
    add(Metric::kCpu, std::move(s));
  }
  std::string report = in.header, finding;
  for (const std::string& n : in.notes) report += "not captured: " + n + "\n";
  report += "\n";
  // The section of the metric that fired comes first.
  for (int pass = 0; pass < 2; ++pass) {
    for (auto& [m, sec] : sections) {
      const bool own = m == in.metric || (!in.metric && sections[0].first == m);
      if ((pass == 0) != own) continue;
      if (finding.empty() && !sec.finding.empty()) finding = sec.finding;
      report += sec.text + "\n";
    }
  }
  if (finding.empty())
    finding = "no report: nothing captured could be analysed";
  io::ReplaceControlBytes(&report);
  io::ReplaceControlBytes(&finding);
  if (std::FILE* f = std::fopen((dir + "report.txt").c_str(), "w")) {
    std::fwrite(report.data(), 1, report.size(), f);
    std::fclose(f);
  }
  return finding;
}

}  // namespace watch
