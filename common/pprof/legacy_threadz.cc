#include "common/pprof/legacy_threadz.h"

#include "common/io/line_reader.h"
#include "common/io/trim.h"
#include "common/pprof/legacy_frames.h"
#include "common/pprof/legacy_maps.h"
#include "common/pprof/legacy_records.h"

namespace pprof {
namespace {

bool IsThreadzHeader(std::string_view t) {
  if (t.substr(0, 11) != "--- threadz") return false;
  legacy::Cursor c{t.substr(11)};
  int64_t n;
  return c.Int(&n) && io::TrimBlanks(c.s).substr(0, 3) == "---";
}

// "--- Thread HEX (name: NAME/TID) stack: ---".
bool IsThreadHeader(std::string_view t) {
  if (t.substr(0, 11) != "--- Thread ") return false;
  const size_t name = t.find(" (name: ", 11);
  return name != std::string_view::npos && name > 11 &&
         t.find(") stack: ---", name) != std::string_view::npos;
}

// Every "0x..." token of a line, as pprof's parseHexAddresses.
void AppendHexTokens(std::string_view t, std::vector<uint64_t>* out) {
  for (size_t i = t.find("0x"); i != std::string_view::npos;
       i = t.find("0x", i + 1)) {
    legacy::Cursor c{t.substr(i)};
    uint64_t a;
    if (c.Hex(&a)) {
      out->push_back(a);
      i = t.size() - c.s.size() - 1;
    }
  }
}

class ThreadReader {
 public:
  ThreadReader(Profile* p, io::BadLineSink* bad)
      : p_(p), bad_(bad), tables_(p) {}

  // One trimmed line of the thread sections; false: stop.
  bool Line(uint64_t line_no, std::string_view t) {
    if (t.empty()) return true;
    if (IsThreadHeader(t)) {
      Finish();
      open_ = true;
      same_ = false;
      addresses_.clear();
      return true;
    }
    if (!open_) return bad_->Report(line_no, "line outside a thread section");
    if (t.find("same as previous thread") != std::string_view::npos) {
      same_ = true;
      return true;
    }
    const size_t before = addresses_.size();
    AppendHexTokens(t, &addresses_);
    if (addresses_.size() == before) {
      return bad_->Report(line_no, "no address in a thread stack line");
    }
    return true;
  }

  void Finish() {
    if (!open_) return;
    open_ = false;
    if (same_ || addresses_.empty()) {
      if (!p_->samples.empty()) {
        int64_t& v = p_->samples.mutable_values(p_->samples.size() - 1)[0];
        v = AddWrap(v, 1);
      }
      return;
    }
    std::vector<uint32_t> locations;
    tables_.AppendStack({}, addresses_, legacy::Adjust::kAllButLeaf,
                        &locations);
    const int64_t one = 1;
    p_->samples.Add(locations, {&one, 1});
  }

 private:
  Profile* p_;
  io::BadLineSink* bad_;
  legacy::TableBuilder tables_;
  bool open_ = false;
  bool same_ = false;
  std::vector<uint64_t> addresses_;
};

}  // namespace

bool LooksLikeThreadz(std::string_view head) {
  io::LineSplitter lines(head);
  std::string_view line;
  while (lines.Next(&line)) {
    if (legacy::IsSpaceOrComment(line)) continue;
    const std::string_view t = io::TrimBlanks(line);
    return IsThreadzHeader(t) || IsThreadHeader(t);
  }
  return false;
}

bool ParseThreadz(std::string_view text, Profile* out, io::BadLineSink* bad,
                  std::string* error) {
  *out = Profile();
  if (!LooksLikeThreadz(text)) {
    *error = "not a threadz profile (\"--- threadz N ---\")";
    return false;
  }
  out->sample_types = {{"thread", "count"}};
  out->period_type = ValueType{"thread", "count"};
  out->period = 1;
  out->drop_frames = legacy::kCpuProfilerFrames;
  io::LineSplitter lines(text);
  ThreadReader reader(out, bad);
  uint64_t line_no = 0;
  bool preamble = true;  // between "--- threadz N ---" and the first thread
  std::string_view line, rest;
  for (size_t start = 0; lines.Next(&line); start = lines.pos()) {
    ++line_no;
    const std::string_view t = io::TrimBlanks(line);
    if (legacy::IsMemoryMapSentinel(t) ||
        t.substr(0, 23) == "---- no stack trace for") {
      rest = text.substr(start);  // the maps after a sentinel from here
      break;
    }
    if (preamble) {
      preamble = !IsThreadHeader(t);
      if (preamble) continue;
    }
    if (!reader.Line(line_no, t)) return true;
  }
  reader.Finish();
  legacy::FinishAfterRecords(rest, out);
  legacy::CleanupDuplicateLocations(out);
  return true;
}

}  // namespace pprof
