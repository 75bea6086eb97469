#include "common/watch/sampler.h"

#include "common/watch/pprof_index.h"

namespace watch {

Sampler::Sampler(const WatchConfig& config, HttpClient* http)
    : config_(config), http_(http) {
  for (const Rule& r : config.rules) wants_[static_cast<int>(r.metric)] = true;
}

SampleResult Sampler::Take(double seconds) {
  SampleResult r;
  const uint64_t requests = http_->requests(), bytes = http_->bytes();
  if (!config_.url.empty()) {
    SampleService(&r);
    if (r.url_error.empty() && Wants(Metric::kHeap)) SampleHeap(&r);
  }
  if (config_.pid > 0) SampleProc(seconds, &r);
  r.requests = http_->requests() - requests;
  r.bytes += http_->bytes() - bytes;
  return r;
}

void Sampler::SampleService(SampleResult* r) {
  // The index page is always read when there is a URL: it is also how a
  // service that stopped answering is noticed.
  std::string page;
  if (!http_->Get(config_.url + "/debug/pprof/", 1 << 20, &page,
                  &r->url_error)) {
    return;
  }
  const int64_t goroutines = IndexCount(page, "goroutine");
  const int64_t threads = IndexCount(page, "threadcreate");
  if (goroutines < 0) {
    r->url_error =
        config_.url + "/debug/pprof/: no goroutine count (not net/http/pprof?)";
    return;
  }
  r->has[static_cast<int>(Metric::kGoroutines)] = true;
  r->value[static_cast<int>(Metric::kGoroutines)] = goroutines;
  if (threads >= 0 && config_.pid == 0) {
    r->has[static_cast<int>(Metric::kThreads)] = true;
    r->value[static_cast<int>(Metric::kThreads)] = threads;
  }
}

void Sampler::SampleHeap(SampleResult* r) {
  std::string text, error;
  int64_t inuse = -1;
  if (heap_source_ != HeapSource::kDebugHeap) {
    // expvar is small and exact; a service without it answers 404 once and
    // is asked for heap?debug=1 from then on.
    if (http_->Get(config_.url + "/debug/vars", 1 << 20, &text, &error)) {
      inuse = HeapInuseFromExpvar(text);
    }
    heap_source_ = inuse >= 0 ? HeapSource::kExpvar : HeapSource::kDebugHeap;
  }
  if (heap_source_ == HeapSource::kDebugHeap) {
    if (http_->GetTail(config_.url + "/debug/pprof/heap?debug=1", 64 << 10,
                       &text, &error)) {
      inuse = HeapInuseFromDebugHeap(text);
    }
  }
  if (inuse >= 0) {
    r->has[static_cast<int>(Metric::kHeap)] = true;
    r->value[static_cast<int>(Metric::kHeap)] = static_cast<double>(inuse);
  }
}

void Sampler::SampleProc(double seconds, SampleResult* r) {
  ProcStats stats;
  if (!ReadProcStats(config_.pid, &stats, &r->bytes, &r->pid_error)) {
    has_prev_cpu_ = false;
    return;
  }
  r->proc_reads += 2;
  if (stats.threads >= 0) {
    r->has[static_cast<int>(Metric::kThreads)] = true;
    r->value[static_cast<int>(Metric::kThreads)] = stats.threads;
  }
  if (stats.rss_bytes >= 0) {
    r->has[static_cast<int>(Metric::kRss)] = true;
    r->value[static_cast<int>(Metric::kRss)] = stats.rss_bytes;
  }
  if (has_prev_cpu_) {
    r->has[static_cast<int>(Metric::kCpu)] = true;
    r->value[static_cast<int>(Metric::kCpu)] =
        CpuPercent(prev_ticks_, stats.cpu_ticks, seconds - prev_seconds_);
  }
  has_prev_cpu_ = true;
  prev_ticks_ = stats.cpu_ticks;
  prev_seconds_ = seconds;
}

}  // namespace watch
