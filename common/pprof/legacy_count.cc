#include "common/pprof/legacy_count.h"

#include "common/io/line_reader.h"
#include "common/io/trim.h"
#include "common/pprof/legacy_frames.h"
#include "common/pprof/legacy_records.h"

namespace pprof {
namespace {

// "NAME profile: total N": NAME, or "" when the line is no such header.
std::string_view CountHeaderName(std::string_view line) {
  line = io::TrimBlanks(line);
  const size_t sp = line.find(" profile: total ");
  if (sp == 0 || sp == std::string_view::npos) return {};
  std::string_view name = line.substr(0, sp);
  if (name.find_first_of(" \t") != std::string_view::npos) return {};
  std::string_view total = line.substr(sp + 16);
  if (total.empty()) return {};
  for (char c : total) {
    if (c < '0' || c > '9') return {};
  }
  return name;
}

// The first line that is not blank or a comment.
bool HeaderLine(io::LineSplitter* lines, uint64_t* line_no,
                std::string_view* line) {
  while (lines->Next(line)) {
    ++*line_no;
    if (!legacy::IsSpaceOrComment(*line)) return true;
  }
  return false;
}

// "N @ 0xA 0xB ...".
bool CountRecord(std::string_view line, std::vector<int64_t>* values,
                 std::vector<uint64_t>* addresses) {
  legacy::Cursor c{line};
  int64_t n;
  if (!c.Int(&n) || n < 0 || !c.Char('@')) return false;
  if (!legacy::ParseAddressList(&c, addresses) || addresses->empty()) {
    return false;
  }
  values->push_back(n);
  return true;
}

}  // namespace

bool LooksLikeLegacyCount(std::string_view head) {
  io::LineSplitter lines(head);
  uint64_t line_no = 0;
  std::string_view line;
  return HeaderLine(&lines, &line_no, &line) && !CountHeaderName(line).empty();
}

bool LegacyCountNamesFrames(std::string_view head) {
  io::LineSplitter lines(head);
  std::string_view line;
  legacy::CommentFrame f;
  while (lines.Next(&line)) {
    const std::string_view t = io::TrimBlanks(line);
    if (t.size() > 1 && t[0] == '#' && legacy::ParseCommentFrame(t, &f)) {
      return true;
    }
  }
  return false;
}

bool ParseLegacyCount(std::string_view text, Profile* out, io::BadLineSink* bad,
                      std::string* error) {
  *out = Profile();
  io::LineSplitter lines(text);
  uint64_t line_no = 0;
  std::string_view line;
  std::string_view name;
  if (HeaderLine(&lines, &line_no, &line)) name = CountHeaderName(line);
  if (name.empty()) {
    *error = "line " + std::to_string(line_no) +
             ": not a count profile header (\"NAME profile: total N\")";
    return false;
  }
  out->period_type = ValueType{std::string(name), "count"};
  out->period = 1;
  out->sample_types = {out->period_type};
  out->drop_frames = legacy::kCpuProfilerFrames;
  std::string_view rest =
      legacy::ReadRecords(text, &lines, &line_no, CountRecord, out, bad);
  if (bad->stopped()) return true;
  legacy::FinishAfterRecords(rest, out);
  return true;
}

}  // namespace pprof
