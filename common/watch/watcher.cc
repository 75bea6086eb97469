#include "common/watch/watcher.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <optional>

#include "common/watch/capture.h"
#include "common/watch/disk_budget.h"
#include "common/watch/fire_text.h"
#include "common/watch/http_client.h"
#include "common/watch/rule_engine.h"
#include "common/watch/sampler.h"
#include "common/watch/stop_signals.h"

namespace watch {
namespace {

void Say(const std::string& line) {
  std::fprintf(stderr, "spikewatch: %s\n", line.c_str());
}

// One event line on stdout, flushed at once (a pipe to a pager or logger
// sees it when it happens).
void Event(const std::string& line) {
  std::fputs((line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

class Loop {
 public:
  explicit Loop(const WatchConfig& config)
      : config_(config),
        http_(config.connect_timeout, config.timeout),
        sampler_(config, &http_),
        engine_(config.rules, config.engine) {}

  void Run();

 private:
  void Availability(const SampleResult& r, bool up);
  void Capture(std::optional<Metric> metric, const Fire* fire);
  bool Done() const {
    return StopRequested() ||
           (config_.max_captures > 0 && captures_ >= config_.max_captures);
  }

  const WatchConfig& config_;
  HttpClient http_;
  Sampler sampler_;
  RuleEngine engine_;
  std::string baseline_;
  bool known_ = false, up_ = false;
  int up_samples_ = 0;
  int64_t captures_ = 0;
};

void Loop::Availability(const SampleResult& r, bool up) {
  if (known_ && up == up_) return;
  std::string why = r.url_error;
  if (!r.pid_error.empty()) why += (why.empty() ? "" : "; ") + r.pid_error;
  if (!up) {
    char every[32];
    std::snprintf(every, sizeof every, "%g s", config_.interval);
    Say("target not answering: " + why + "; watching again every " + every);
    if (known_) Event(UtcIso(std::time(nullptr)) + " target down: " + why);
    // Whatever comes back is a new process: new warm-up, new baseline.
    engine_.Reset();
    sampler_.Reset();
    baseline_.clear();
  } else if (known_) {
    Say("target answers again; warm-up and baseline start over");
    Event(UtcIso(std::time(nullptr)) + " target up");
  }
  known_ = true;
  up_ = up;
}

void Loop::Capture(std::optional<Metric> metric, const Fire* fire) {
  const std::time_t now = std::time(nullptr);
  std::string head = "spikewatch capture at " + UtcIso(now) + "\n";
  std::string what;
  if (fire != nullptr) {
    what = std::string(MetricName(fire->metric)) + " " +
           FormatValue(fire->metric, fire->value) + " " + FireEvidence(*fire);
  } else {
    what = "manual (SIGUSR1)";
  }
  head += "fired: " + what + "\n";
  if (!config_.url.empty()) head += "service: " + config_.url + "\n";
  if (config_.pid > 0) head += "pid: " + std::to_string(config_.pid) + "\n";
  if (!baseline_.empty()) head += "baseline: " + baseline_ + "\n";
  CaptureResult result;
  std::string error;
  if (!RunCapture(config_, &http_, metric, now, baseline_, head, &result,
                  &error)) {
    Say(error);
    return;
  }
  ++captures_;
  Event(UtcIso(now) + " " + what + " folder=" + result.folder +
        " first: " + result.finding);
  for (const std::string& gone :
       EnforceDiskBudget(config_.out, config_.disk_budget)) {
    Say("disk budget: removed the oldest capture " + config_.out + "/" + gone);
  }
}

void Loop::Run() {
  const auto start = std::chrono::steady_clock::now();
  double next = 0;
  while (!Done()) {
    const double t = Seconds(start);
    if (config_.duration > 0 && t >= config_.duration) break;
    if (t >= next) {
      next = t + config_.interval;
      const SampleResult r = sampler_.Take(t);
      const bool up = r.url_error.empty() && r.pid_error.empty();
      Availability(r, up);
      // The second sample is the steady cost (the first also finds out
      // where the heap figure comes from).
      if (up && ++up_samples_ == 2) {
        Say("one sample: " + std::to_string(r.requests) +
            (r.requests == 1 ? " HTTP request, " : " HTTP requests, ") +
            std::to_string(r.proc_reads) + " /proc reads, " +
            std::to_string(r.bytes) + " bytes read");
      }
      std::string error;
      if (up && baseline_.empty() && !config_.url.empty() &&
          !TakeBaseline(config_, &http_, std::time(nullptr), &baseline_,
                        &error)) {
        Say(error);
      }
      for (int m = 0; m < kMetricCount && up && !Done(); ++m) {
        if (!r.has[m]) continue;
        auto fire = engine_.Observe(t, static_cast<Metric>(m), r.value[m]);
        if (fire) Capture(fire->metric, &*fire);
      }
    }
    if (TakeCaptureRequest() && !StopRequested())
      Capture(std::nullopt, nullptr);
    double wait = next - Seconds(start);
    if (config_.duration > 0) {
      wait = std::min(wait, config_.duration - Seconds(start));
    }
    if (wait > 0 && !Done()) SleepUnlessSignalled(wait);
  }
  Say(StopRequested() ? "stopped by signal"
                      : "done after " + std::to_string(captures_) +
                            (captures_ == 1 ? " capture" : " captures"));
}

}  // namespace

bool Watch(const WatchConfig& config, std::string* error) {
  std::error_code ec;
  std::filesystem::create_directories(config.out, ec);
  if (ec) {
    *error = config.out + ": cannot create: " + ec.message();
    return false;
  }
  if (config.pid > 0 &&
      ::access(("/proc/" + std::to_string(config.pid)).c_str(), F_OK) != 0) {
    *error = "--pid " + std::to_string(config.pid) + ": no such process";
    return false;
  }
  InstallWatchSignals();
  Loop loop(config);
  loop.Run();
  return true;
}

}  // namespace watch
