#include "common/perf/collapser.h"

#include <string.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "common/io/chunk_reader.h"
#include "common/io/line_reader.h"
#include "common/perf/chunk_folder.h"
#include "common/perf/sample_header.h"

namespace perf {
namespace {

constexpr size_t kChunkSize = 1 << 20;
// How far back to look for a header when the data has no blank line.
constexpr size_t kHeaderScanBytes = 256 * 1024;

// A chunk of input on its way to a worker.
struct Job {
  uint64_t index;
  std::string text;
  std::string event;
};

// A bounded queue: the reader blocks when workers fall behind, so memory
// stays at a few chunks.
class JobQueue {
 public:
  explicit JobQueue(size_t capacity) : capacity_(capacity) {}
  void Push(Job job) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return jobs_.size() < capacity_; });
    jobs_.push_back(std::move(job));
    not_empty_.notify_one();
  }
  bool Pop(Job* job) {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return !jobs_.empty() || closed_; });
    if (jobs_.empty()) return false;
    *job = std::move(jobs_.front());
    jobs_.pop_front();
    not_full_.notify_one();
    return true;
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Job> jobs_;
  bool closed_ = false;
};

}  // namespace

size_t FindSampleBoundary(std::string_view data) {
  // The last blank line ("\n\n" or "\n\r\n"), found by walking back one
  // line at a time: usually only a few lines from the end.
  const char* base = data.data();
  size_t end = data.size();
  while (end > 0) {
    const void* nl = memrchr(base, '\n', end);
    if (nl == nullptr) break;
    size_t i = static_cast<const char*>(nl) - base;
    if (i >= 1 && base[i - 1] == '\n') return i + 1;
    if (i >= 2 && base[i - 1] == '\r' && base[i - 2] == '\n') return i + 1;
    end = i;
  }
  // No blank line: cut before the last header line found near the end.
  size_t floor =
      data.size() > kHeaderScanBytes ? data.size() - kHeaderScanBytes : 0;
  size_t line_end = data.size();
  SampleHeader header;
  while (line_end > floor) {
    size_t nl = data.rfind('\n', line_end - 1);
    if (nl == std::string_view::npos || nl < floor) break;
    std::string_view line = data.substr(nl + 1, line_end - nl - 1);
    if (line_end < data.size() && !line.empty() && line[0] != '\t' &&
        line[0] != '#' && ParseSampleHeader(line, &header)) {
      return nl + 1;
    }
    line_end = nl;
  }
  return std::string_view::npos;
}

bool FindFirstEvent(std::string_view text, std::string* event) {
  io::LineSplitter lines(text);
  std::string_view line;
  SampleHeader header;
  while (lines.Next(&line)) {
    if (line.empty() || line[0] == '#' || line[0] == '\t') continue;
    if (ParseSampleHeader(line, &header)) {
      event->assign(header.event);
      return true;
    }
  }
  return false;
}

Collapser::Collapser(const CollapseOptions& options, int threads)
    : options_(options),
      threads_(threads < 1 ? 1 : threads),
      event_(options.event_filter) {}

bool Collapser::Add(io::InputFile* in, io::BadLineSink* bad) {
  io::ChunkReader reader(in, kChunkSize);
  bool event_known = !event_.empty();
  std::vector<FoldStats> chunk_stats;
  std::mutex stats_mu;
  // Set when a strict chunk met a bad line: no more chunks are read.
  std::atomic<bool> stop{false};

  auto record_stats = [&](uint64_t index, FoldStats stats) {
    std::lock_guard<std::mutex> lock(stats_mu);
    if (stats.bad.stopped()) stop = true;
    if (chunk_stats.size() <= index) chunk_stats.resize(index + 1);
    chunk_stats[index] = std::move(stats);
  };
  auto next_job = [&](Job* job) -> bool {
    if (stop || !reader.Next(&job->text, FindSampleBoundary)) return false;
    if (!event_known) event_known = FindFirstEvent(job->text, &event_);
    job->event = event_;
    return true;
  };

  std::vector<std::unique_ptr<ChunkFolder>> folders;
  uint64_t index = 0;
  if (threads_ == 1) {
    folders.push_back(
        std::make_unique<ChunkFolder>(options_, event_, bad->strict()));
    Job job;
    while (next_job(&job)) {
      folders[0]->set_event(job.event);
      folders[0]->Fold(job.text);
      record_stats(index++, folders[0]->TakeStats());
    }
  } else {
    JobQueue queue(2 * threads_);
    std::vector<std::thread> workers;
    for (int t = 0; t < threads_; ++t) {
      folders.push_back(
          std::make_unique<ChunkFolder>(options_, event_, bad->strict()));
      ChunkFolder* folder = folders.back().get();
      workers.emplace_back([&queue, folder, &record_stats] {
        Job job;
        while (queue.Pop(&job)) {
          folder->set_event(job.event);
          folder->Fold(job.text);
          record_stats(job.index, folder->TakeStats());
        }
      });
    }
    Job job;
    while (next_job(&job)) {
      job.index = index++;
      queue.Push(std::move(job));
      job = Job();
    }
    queue.Close();
    for (std::thread& w : workers) w.join();
  }

  // Merge in a fixed order so the result is the same for any thread count.
  for (auto& folder : folders) folded_.Merge(folder->result());
  uint64_t line_offset = 0;
  for (const FoldStats& s : chunk_stats) {
    samples_ += s.samples;
    for (const auto& [ev, n] : s.filtered) filtered_[ev] += n;
    bad->Merge(s.bad, line_offset);
    if (s.bad.stopped()) return false;  // strict: later chunks don't count
    line_offset += s.lines;
  }
  if (!reader.ok()) {
    error_ = reader.error();
    return false;
  }
  return true;
}

}  // namespace perf
