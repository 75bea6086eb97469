#include "common/watch/capture.h"

#include <sys/stat.h>

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
  std::string status;
  if (plan.proc_status) {
    std::FILE* f = nullptr;
    if (!ReadProcFile("/proc/" + std::to_string(config.pid) + "/status",
                      &status, &error)) {
      notes->push_back("proc-status.txt: " + error);
    } else if ((f = std::fopen((folder + "/proc-status.txt").c_str(), "w"))) {
      std::fwrite(status.data(), 1, status.size(), f);
      std::fclose(f);
    }
  }
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
  Fill(config, http,
       PlanFor(metric, !config.url.empty(), config.pid > 0, config.cpu_seconds),
       out->folder, &in.notes);
  out->finding = WriteEvidenceReport(in);
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
