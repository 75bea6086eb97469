#include "common/perf/chunk_folder.h"

#include <algorithm>

#include "common/io/line_reader.h"
#include "common/perf/frame_namer.h"
#include "common/perf/sample_header.h"

namespace perf {

FoldStats ChunkFolder::TakeStats() {
  FoldStats s = std::move(stats_);
  stats_ = FoldStats();
  stats_.bad = io::BadLineSink(strict_);
  return s;
}

ChunkFolder::ChunkFolder(const CollapseOptions& options, std::string event,
                         bool strict)
    : options_(options), event_(std::move(event)), strict_(strict) {
  stats_.bad = io::BadLineSink(strict_);
  for (FrameCache& cache : frames_) {
    cache.set_keys_from_symbol(!options_.include_addrs);
  }
}

bool ChunkFolder::EventMatches(std::string_view event) const {
  if (event_.empty() || event == event_) return true;
  // "cpu-clock" matches "cpu-clock:pppH" and "cpu-clock/freq=499/".
  return event.size() > event_.size() &&
         (event[event_.size()] == ':' || event[event_.size()] == '/') &&
         event.substr(0, event_.size()) == event_;
}

bool ChunkFolder::Bad(std::string_view reason) {
  return stats_.bad.Report(line_no_, reason);
}

void ChunkFolder::StartSample(std::string_view comm, std::string_view pid,
                              std::string_view tid, int64_t period, bool java) {
  in_sample_ = true;
  skipping_ = false;
  java_ = java;
  period_ = period > 0 ? period : 1;
  std::string& p = pname_scratch_;
  p.assign(comm);
  if (options_.include_tid) {
    p.append("-").append(pid.empty() ? "?" : pid).append("/").append(tid);
  } else if (options_.include_pid) {
    p.append("-").append(pid.empty() ? "?" : pid);
  }
  for (char& c : p) {
    if (c == ' ') c = '_';
  }
  has_root_ = true;
  // Samples come in runs of one thread, or of two taking turns (two CPUs):
  // most roots equal one of the previous two (most recent first).
  if (pname_known_ > 1 && p == pname_key_[1]) {
    std::swap(pname_key_[0], pname_key_[1]);
    std::swap(pname_ids_[0], pname_ids_[1]);
  } else if (pname_known_ == 0 || p != pname_key_[0]) {
    std::swap(pname_key_[0], pname_key_[1]);
    pname_ids_[1] = pname_ids_[0];
    pname_key_[0] = p;
    pname_ids_[0] = out_.symbols.Intern(p);
    pname_known_ = std::min(pname_known_ + 1, 2);
  }
  pname_id_ = pname_ids_[0];
  leaf_first_.clear();
  last_line_at_ = std::string::npos;
  frames_[java_ ? 1 : 0].Restart();
}

void ChunkFolder::StartHeaderlessSample() {
  in_sample_ = true;
  skipping_ = false;
  java_ = false;
  period_ = 1;
  has_root_ = false;
  leaf_first_.clear();
  last_line_at_ = std::string::npos;
  frames_[0].Restart();
}

void ChunkFolder::EndSample() {
  if (in_sample_ && !skipping_ && (has_root_ || !leaf_first_.empty())) {
    if (has_root_) leaf_first_.push_back(pname_id_);
    std::reverse(leaf_first_.begin(), leaf_first_.end());
    out_.stacks.Add(leaf_first_, period_);
    ++stats_.samples;
  }
  leaf_first_.clear();
  in_sample_ = false;
  skipping_ = false;
}

void ChunkFolder::NameFrameText(std::string_view text, std::string_view pc,
                                std::vector<uint32_t>* ids) {
  FrameLine frame;
  frame.pc = pc;
  SplitSymbolAndDso(text, &frame);
  std::vector<std::string> names;
  NameFrame(frame, java_, options_, &names);
  for (const std::string& n : names) ids->push_back(out_.symbols.Intern(n));
}

void ChunkFolder::AddFrameText(std::string_view line, size_t text_start,
                               std::string_view pc) {
  // With --addrs an unresolved frame's name includes its address, so the
  // key must too.
  const std::string_view text = line.substr(text_start);
  const bool with_pc = options_.include_addrs;
  const std::string_view key_text =
      with_pc ? line.substr(pc.data() - line.data()) : text;
  std::span<const uint32_t> ids = frames_[java_ ? 1 : 0].Get(
      key_text, [&] { return KeyOfFrameText(text, pc, with_pc); },
      [&](std::vector<uint32_t>* out) { NameFrameText(text, pc, out); });
  if (ids.empty()) return;
  last_line_at_ = leaf_first_.size();
  if (ids.size() == 1) {  // nearly always: no generic range insert
    leaf_first_.push_back(ids[0]);
  } else {
    leaf_first_.insert(leaf_first_.end(), ids.rbegin(), ids.rend());
  }
}

void ChunkFolder::AddSrcline(std::string_view line) {
  std::string_view loc = SrclineLocation(line);
  if (loc.empty() || last_line_at_ == std::string::npos) return;
  // The last frame of the latest line becomes "name:file:line" (in this
  // sample only: the cached ids stay untouched).
  uint32_t& frame = leaf_first_[last_line_at_];
  std::string name(out_.symbols.Name(frame));
  name.append(":").append(loc);
  frame = out_.symbols.Intern(name);
}

void ChunkFolder::Fold(std::string_view text) {
  line_no_ = 0;
  io::LineSplitter lines(text);
  std::string_view line;
  SampleHeader header;
  while (lines.Next(&line)) {
    ++line_no_;
    if (line.empty()) {
      EndSample();
      continue;
    }
    if (line[0] == '#') continue;  // --header comments
    // perf indents call-chain lines with a tab; headers never start with
    // one (one-line samples right-align the comm with spaces instead).
    if (line[0] != '\t' && ParseSampleHeader(line, &header)) {
      EndSample();
      if (!EventMatches(header.event)) {
        ++stats_.filtered[std::string(header.event)];
        in_sample_ = true;
        skipping_ = true;
        continue;
      }
      StartSample(header.comm, header.pid, header.tid, header.period,
                  header.comm.substr(0, 4) == "java");
      // One-line samples (perf script -G, or no call graph recorded) carry
      // their only frame after the event.
      std::string_view pc;
      size_t start = FrameTextStart(header.rest, &pc);
      if (start != 0) AddFrameText(header.rest, start, pc);
      continue;
    }
    std::string_view pc;
    size_t start = FrameTextStart(line, &pc);
    if (!in_sample_) {
      // `perf script -F ip,sym` prints no header fields: in an input with
      // no event at all, a frame after a blank line starts a sample.
      if (start != 0 && line[0] == '\t' && event_.empty()) {
        StartHeaderlessSample();
      } else {
        if (!Bad("not a sample header, and not inside a sample")) break;
        continue;
      }
    }
    if (skipping_) continue;
    if (start != 0) {
      AddFrameText(line, start, pc);
    } else if (line[0] == ' ') {
      // A -F +srcline location line ("  perfgen.cpp:260").
      if (options_.srcline) AddSrcline(line);
    } else if (!Bad("unrecognized line inside a sample")) {
      break;
    }
  }
  EndSample();
  stats_.lines = line_no_;
}

}  // namespace perf
