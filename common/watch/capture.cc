#include "common/watch/capture.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "common/watch/capture_plan.h"
#include "common/watch/evidence_report.h"
#include "common/watch/perf_evidence.h"
#include "common/watch/proc_stats.h"

namespace watch {
namespace {

std::string Format(std::time_t t, const char* fmt) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}

// Creates OUT/NAME, or OUT/NAME-2, -3 ... when it exists (two captures in
// one second). Returns "" with *error on failure.
std::string MakeFolder(const std::string& out, const std::string& name,
                       std::string* error) {
  for (int i = 1; i < 100; ++i) {
    std::string path = out + "/" + name;
    if (i > 1) path += "-" + std::to_string(i);
    if (::mkdir(path.c_str(), 0755) == 0) return path;
    if (errno != EEXIST) break;
  }
  *error = out + "/" + name + ": cannot create: " + std::strerror(errno);
  return "";
}

// Runs the plan into `folder`; what failed goes to *notes.
void Fill(const WatchConfig& config, HttpClient* http, const CapturePlan& plan,
          const std::string& folder, std::vector<std::string>* notes) {
  std::string error;
  for (const Fetch& f : plan.fetches) {
    if (!http->GetToFile(config.url + f.path, folder + "/" + f.file,
                         f.cpu_profile ? config.cpu_seconds : 0, &error)) {
      notes->push_back(f.file + ": " + error);
    }
  }
  if (plan.perf &&
      !RecordPerf(config.pid, config.cpu_seconds, folder, &error)) {
    notes->push_back("perf record: " + error);
  }
  for (const ProcCopy& p : plan.proc_files) {
    std::string text;
    std::FILE* f = nullptr;
    if (!ReadProcFile("/proc/" + std::to_string(config.pid) + "/" + p.source,
                      &text, &error)) {
      notes->push_back(p.file + ": " + error);
    } else if ((f = std::fopen((folder + "/" + p.file).c_str(), "w"))) {
      std::fwrite(text.data(), 1, text.size(), f);
      std::fclose(f);
    }
  }
}

// Writes the report in a child process and returns its first finding: the
// analysis of a large capture (a heap profile of millions of samples) costs
// the child memory, never the long-running watcher, and a fault in it
// cannot end the watch.
std::string ReportInChild(const ReportInputs& in) {
  int fds[2];
  if (::pipe(fds) != 0) return WriteEvidenceReport(in);
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return WriteEvidenceReport(in);
  }
  if (child == 0) {
    ::close(fds[0]);
    const std::string finding = WriteEvidenceReport(in);
    size_t done = 0;
    while (done < finding.size()) {
      const ssize_t n =
          ::write(fds[1], finding.data() + done, finding.size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string finding;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0 ||
         (n < 0 && errno == EINTR)) {
    if (n > 0) finding.append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) {
    return "no report: the analysis died of signal " +
           std::to_string(WTERMSIG(status));
  }
  return finding.empty() ? "no report: the analysis wrote nothing" : finding;
}

}  // namespace

std::string UtcStamp(std::time_t t) { return Format(t, "%Y%m%dT%H%M%SZ"); }
std::string UtcIso(std::time_t t) { return Format(t, "%Y-%m-%dT%H:%M:%SZ"); }

bool RunCapture(const WatchConfig& config, HttpClient* http,
                std::optional<Metric> metric, std::time_t now,
                const std::string& baseline_folder, const std::string& header,
                CaptureResult* out, std::string* error) {
  const std::string label =
      metric ? std::string(MetricName(*metric)) : std::string("manual");
  out->folder = MakeFolder(config.out, UtcStamp(now) + "-" + label, error);
  if (out->folder.empty()) return false;
  ReportInputs in;
  in.folder = out->folder;
  in.baseline_folder = baseline_folder;
  in.metric = metric;
  in.header = header;
  const CapturePlan plan =
      PlanFor(metric, !config.url.empty(), config.pid > 0, config.cpu_seconds);
  Fill(config, http, plan, out->folder, &in.notes);
  // The heap the growth is measured from goes with the capture: the folder
  // explains the spike on its own (the baseline folder may be gone by the
  // morning, after a restart of the watch).
  std::error_code ec;
  if (!baseline_folder.empty() &&
      std::filesystem::exists(out->folder + "/heap.pb.gz", ec)) {
    std::filesystem::copy_file(baseline_folder + "/heap.pb.gz",
                               out->folder + "/heap.baseline.pb.gz", ec);
  }
  out->finding = ReportInChild(in);
  return true;
}

bool TakeBaseline(const WatchConfig& config, HttpClient* http, std::time_t now,
                  std::string* folder, std::string* error) {
  const CapturePlan plan = BaselinePlan(!config.url.empty());
  if (plan.fetches.empty()) return false;
  *folder = MakeFolder(config.out, "baseline-" + UtcStamp(now), error);
  if (folder->empty()) return false;
  std::vector<std::string> notes;
  Fill(config, http, plan, *folder, &notes);
  if (notes.size() == plan.fetches.size()) {
    *error = "baseline: " + notes[0];
    std::filesystem::remove_all(*folder);
    folder->clear();
    return false;
  }
  return true;
}

}  // namespace watch
