#include "common/pprof/legacy_records.h"

#include "common/io/trim.h"
#include "common/pprof/legacy_maps.h"

namespace pprof::legacy {
namespace {

class Records {
 public:
  Records(const RecordLineParser& parse, Profile* p, io::BadLineSink* bad)
      : parse_(parse), p_(p), bad_(bad), tables_(p) {}

  // One line; false: stop (a strict sink got a bad line).
  bool Line(uint64_t line_no, std::string_view t) {
    if (t.empty()) {
      Finish();
      return true;
    }
    if (t[0] == '#') {
      if (!open_ || t.substr(0, 9) == "# labels:") return true;
      CommentFrame f;
      if (t.size() > 1 && ParseCommentFrame(t, &f)) {
        frames_.push_back(f);
        return true;
      }
      return bad_->Report(line_no, "malformed frame line");
    }
    Finish();
    values_.clear();
    if (!parse_(t, &values_, &addresses_)) {
      return bad_->Report(line_no, "malformed record");
    }
    frames_.clear();
    open_ = true;
    return true;
  }

  void Finish() {
    if (!open_) return;
    open_ = false;
    std::vector<uint32_t> locations;
    tables_.AppendStack(frames_, addresses_, Adjust::kAll, &locations);
    p_->samples.Add(locations, values_);
  }

 private:
  const RecordLineParser& parse_;
  Profile* p_;
  io::BadLineSink* bad_;
  TableBuilder tables_;
  bool open_ = false;
  std::vector<int64_t> values_;
  std::vector<uint64_t> addresses_;
  std::vector<CommentFrame> frames_;
};

}  // namespace

const char kCpuProfilerFrames[] =
    "ProfileData::Add|ProfileData::prof_handler|CpuProfiler::prof_handler|"
    "__pthread_sighandler|__restore";

std::string_view ReadRecords(std::string_view text, io::LineSplitter* lines,
                             uint64_t* line_no, const RecordLineParser& parse,
                             Profile* p, io::BadLineSink* bad) {
  Records records(parse, p, bad);
  std::string_view line;
  size_t start = lines->pos();
  while (lines->Next(&line)) {
    const std::string_view t = io::TrimBlanks(line);
    if (t.substr(0, 3) == "---" || IsMemoryMapSentinel(t)) {
      records.Finish();
      return text.substr(start);
    }
    if (!records.Line(++*line_no, t)) return {};
    start = lines->pos();
  }
  records.Finish();
  return {};
}

void FinishAfterRecords(std::string_view rest, Profile* p) {
  io::LineSplitter lines(rest);
  std::string_view line;
  while (lines.Next(&line)) {
    if (IsMemoryMapSentinel(line)) break;
  }
  FinishWithMemoryMap(rest.substr(lines.pos()), p);
}

}  // namespace pprof::legacy
