#include "common/perf/chunk_folder.h"

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
  pname_id_ = out_.symbols.Intern(p);
  sample_groups_.clear();
}

void ChunkFolder::EndSample() {
  if (in_sample_ && !skipping_) {
    stack_.clear();
    stack_.push_back(pname_id_);
    for (size_t g = sample_groups_.size(); g-- > 0;) {
      const Group& grp = sample_groups_[g];
      stack_.insert(stack_.end(), group_ids_.begin() + grp.offset,
                    group_ids_.begin() + grp.offset + grp.length);
    }
    out_.stacks.Add(stack_, period_);
    ++stats_.samples;
  }
  in_sample_ = false;
  skipping_ = false;
}

void ChunkFolder::AddFrameText(std::string_view line, size_t text_start,
                               std::string_view pc) {
  // With --addrs an unresolved frame's name includes its address, so the
  // cache key must too.
  std::string_view key = options_.include_addrs
                             ? line.substr(text_start - pc.size() - 1)
                             : line.substr(text_start);
  int j = java_ ? 1 : 0;
  uint32_t key_id = raw_[j].Intern(key);
  if (key_id == groups_[j].size()) {
    FrameLine frame;
    frame.pc = pc;
    SplitSymbolAndDso(line.substr(text_start), &frame);
    names_scratch_.clear();
    NameFrame(frame, java_, options_, &names_scratch_);
    Group g{static_cast<uint32_t>(group_ids_.size()),
            static_cast<uint32_t>(names_scratch_.size())};
    for (const std::string& n : names_scratch_) {
      group_ids_.push_back(out_.symbols.Intern(n));
    }
    groups_[j].push_back(g);
  }
  const Group& g = groups_[j][key_id];
  if (g.length > 0) sample_groups_.push_back(g);
}

void ChunkFolder::AddSrcline(std::string_view line) {
  std::string_view loc = SrclineLocation(line);
  if (loc.empty() || sample_groups_.empty()) return;
  // Replace the last frame of the latest group by "name:file:line"; the
  // group is copied so the cached one stays untouched.
  Group g = sample_groups_.back();
  std::string name(out_.symbols.Name(group_ids_[g.offset + g.length - 1]));
  name.append(":").append(loc);
  Group copy{static_cast<uint32_t>(group_ids_.size()), g.length};
  for (uint32_t i = 0; i + 1 < g.length; ++i) {
    group_ids_.push_back(group_ids_[g.offset + i]);
  }
  group_ids_.push_back(out_.symbols.Intern(name));
  sample_groups_.back() = copy;
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
    if (!in_sample_) {
      if (!Bad("not a sample header, and not inside a sample")) break;
      continue;
    }
    if (skipping_) continue;
    std::string_view pc;
    size_t start = FrameTextStart(line, &pc);
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
