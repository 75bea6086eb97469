#include "common/perf/collapser.h"

#include <string.h>

#include <atomic>
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

constexpr size_t kChunkSize = 256 << 10;
// How far back to look for a header when the data has no blank line.
constexpr size_t kHeaderScanBytes = 256 * 1024;

// A chunk of input and what a worker needs to fold it.
struct Job {
  uint64_t index;
  std::string_view text;  // into the mapped input, or into `storage`
  std::string storage;
  std::string event;
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

// The chunks of one input, read in order and handed out to folders; their
// statistics come back by chunk index so they can be added up in order.
class Collapser::ChunkRun {
 public:
  ChunkRun(io::InputFile* in, std::string* event)
      : reader_(in, kChunkSize), event_(event) {
    // Chunks of a mapped file are views into it: no copy out of the page
    // cache (pipes and gzip data are read as before).
    in->Map();
  }

  // The next chunk, or false at the end, on a read error, or after a
  // strict chunk met a bad line (nothing more is read then).
  bool Next(Job* job) {
    if (stop_ ||
        !reader_.NextView(&job->text, &job->storage, FindSampleBoundary)) {
      return false;
    }
    if (event_->empty()) FindFirstEvent(job->text, event_);
    job->event = *event_;
    job->index = next_index_++;
    return true;
  }

  void Record(uint64_t index, FoldStats stats) {
    std::lock_guard<std::mutex> lock(mu_);
    if (stats.bad.stopped()) stop_ = true;
    if (stats_.size() <= index) stats_.resize(index + 1);
    stats_[index] = std::move(stats);
  }

  std::vector<FoldStats>& stats() { return stats_; }
  const io::ChunkReader& reader() const { return reader_; }

 private:
  io::ChunkReader reader_;
  std::string* event_;
  uint64_t next_index_ = 0;
  std::mutex mu_;
  std::vector<FoldStats> stats_;
  std::atomic<bool> stop_{false};
};

bool Collapser::Add(io::InputFile* in, io::BadLineSink* bad) {
  ChunkRun run(in, &event_);
  std::vector<std::unique_ptr<ChunkFolder>> folders;
  for (int t = 0; t < threads_; ++t) {
    folders.push_back(
        std::make_unique<ChunkFolder>(options_, event_, bad->strict()));
  }
  if (threads_ == 1) {
    FoldInOrder(&run, folders[0].get());
  } else {
    FoldInParallel(&run, folders);
  }
  // Merge in a fixed order so the result is the same for any thread count.
  for (auto& folder : folders) folded_.Merge(folder->result());
  if (!AddStats(run.stats(), bad)) return false;
  if (!run.reader().ok()) {
    error_ = run.reader().error();
    return false;
  }
  return true;
}

void Collapser::FoldInOrder(ChunkRun* run, ChunkFolder* folder) {
  Job job;
  while (run->Next(&job)) {
    folder->set_event(job.event);
    folder->Fold(job.text);
    run->Record(job.index, folder->TakeStats());
  }
}

void Collapser::FoldInParallel(
    ChunkRun* run, const std::vector<std::unique_ptr<ChunkFolder>>& folders) {
  // Each worker reads its next chunk itself, under one lock, then folds it:
  // no reader thread competing for the cores, no hand-off queue, and each
  // worker's chunk buffer is reused from one chunk to the next.
  std::mutex reading;
  auto work = [run, &reading](ChunkFolder* folder) {
    Job job;
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(reading);
        if (!run->Next(&job)) return;
      }
      folder->set_event(job.event);
      folder->Fold(job.text);
      run->Record(job.index, folder->TakeStats());
    }
  };
  std::vector<std::thread> workers;
  for (const auto& folder : folders) workers.emplace_back(work, folder.get());
  for (std::thread& w : workers) w.join();
}

bool Collapser::AddStats(const std::vector<FoldStats>& chunks,
                         io::BadLineSink* bad) {
  uint64_t line_offset = 0;
  for (const FoldStats& s : chunks) {
    samples_ += s.samples;
    for (const auto& [ev, n] : s.filtered) filtered_[ev] += n;
    bad->Merge(s.bad, line_offset);
    if (s.bad.stopped()) return false;  // strict: later chunks don't count
    line_offset += s.lines;
  }
  return true;
}

}  // namespace perf
