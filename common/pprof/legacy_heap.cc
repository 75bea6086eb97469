#include "common/pprof/legacy_heap.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <vector>

#include "common/io/line_reader.h"
#include "common/io/trim.h"
#include "common/pprof/legacy_frames.h"
#include "common/pprof/legacy_maps.h"

namespace pprof {
namespace {

using legacy::CommentFrame;
using legacy::Cursor;
using legacy::TableBuilder;

// The "heap profile: A: B [C: D] @ heap/N" line: totals, sampling period
// and format version.
struct Header {
  int64_t totals[4] = {0, 0, 0, 0};
  int64_t period = 0;
  bool v2 = true;
  bool growth = false;  // growthz or fragmentationz: inuse columns only
  // Whether the alloc columns differ from the inuse ones.
  bool has_alloc() const {
    return !growth && ((totals[2] != totals[0] && totals[2] != 0) ||
                       (totals[3] != totals[1] && totals[3] != 0));
  }
};

// "A: B [C: D] @" at the cursor, as in the header and in every record.
bool ParseCounts(Cursor* c, int64_t v[4]) {
  return c->Int(&v[0]) && c->Char(':') && c->Int(&v[1]) && c->Char('[') &&
         c->Int(&v[2]) && c->Char(':') && c->Int(&v[3]) && c->Char(']') &&
         c->Char('@');
}

bool ParseHeader(io::LineSplitter* lines, uint64_t* line_no, Header* h,
                 std::string* error) {
  std::string_view line;
  while (lines->Next(&line)) {
    ++*line_no;
    if (!io::TrimBlanks(line).empty()) break;
  }
  Cursor c{io::TrimBlanks(line)};
  c.s.remove_prefix(std::min<size_t>(13, c.s.size()));  // "heap profile:"
  if (!ParseCounts(&c, h->totals)) {
    *error = "line " + std::to_string(*line_no) + ": not a heap profile header";
    return false;
  }
  std::string_view kind = io::TrimBlanks(c.s);
  size_t slash = kind.find('/');
  if (slash != std::string_view::npos) {
    std::string_view num = kind.substr(slash + 1);
    std::from_chars(num.data(), num.data() + num.size(), h->period);
    kind = kind.substr(0, slash);
  }
  if (kind == "heap") {
    h->period /= 2;
  } else if (kind.substr(0, 6) == "growth" ||
             kind.substr(0, 13) == "fragmentation") {
    // tcmalloc's growthz / fragmentationz: exact sizes, period 1.
    h->v2 = false;
    h->growth = true;
    h->period = 1;
  } else if (kind == "heapprofile") {
    h->v2 = false;
    h->period = 1;
  } else if (kind != "heap_v2" && kind != "heapz_v2") {
    *error = "line " + std::to_string(*line_no) +
             ": unknown heap profile kind \"" + std::string(kind) + "\"";
    return false;
  }
  return true;
}

void SetSampleTypes(const Header& h, Profile* p) {
  p->period_type = ValueType{"space", "bytes"};
  p->period = h.period;
  if (h.has_alloc()) {
    // Alloc before inuse so that the default (last) type is inuse_space.
    p->sample_types = {{"alloc_objects", "count"},
                       {"alloc_space", "bytes"},
                       {"inuse_objects", "count"},
                       {"inuse_space", "bytes"}};
  } else {
    p->sample_types = {{"objects", "count"}, {"space", "bytes"}};
  }
}

// Reads the records after the header: a record line starts a sample, its
// "#" lines name the frames, a blank line or the next record ends it.
class RecordParser {
 public:
  RecordParser(const Header& h, Profile* p, MemStats* memstats,
               io::BadLineSink* bad_lines)
      : header_(h),
        p_(p),
        memstats_(memstats),
        bad_lines_(bad_lines),
        tables_(p) {}

  // Parses every line; stops early only when the sink says so.
  // A memory-map sentinel (gperftools' "MAPPED_LIBRARIES:") ends the
  // records: the rest names the mappings, as pprof reads it.
  void Run(io::LineSplitter* lines, uint64_t line_no, std::string_view text) {
    std::string_view line;
    while (lines->Next(&line)) {
      const std::string_view t = io::TrimBlanks(line);
      if (!in_memstats_ && legacy::IsMemoryMapSentinel(t)) {
        Finish();
        legacy::FinishWithMemoryMap(text.substr(lines->pos()), p_);
        return;
      }
      if (!ParseLine(++line_no, t)) return;
    }
    Finish();
  }

 private:
  // One line; false: stop (a strict sink got a bad line).
  bool ParseLine(uint64_t line_no, std::string_view t) {
    if (in_memstats_) {
      MemStatsLine(t);
      return true;
    }
    if (t.empty()) {
      Finish();
      return true;
    }
    if (t[0] == '#') {
      if (t.substr(0, 18) == "# runtime.MemStats") {
        Finish();
        in_memstats_ = true;
        return true;
      }
      if (!have_record_) return true;  // a comment outside a record
      CommentFrame f;
      if (t.size() > 1 && ParseCommentFrame(t, &f)) {
        frames_.push_back(f);
        return true;
      }
      return bad_lines_->Report(line_no, "malformed frame line");
    }
    return RecordLine(line_no, t);
  }

  void MemStatsLine(std::string_view t) {
    if (t.size() <= 2 || t[0] != '#') return;
    std::string_view kv = io::TrimBlanks(t.substr(1));
    size_t eq = kv.find(" = ");
    if (eq != std::string_view::npos) {
      memstats_->fields.emplace_back(std::string(kv.substr(0, eq)),
                                     std::string(kv.substr(eq + 3)));
    }
  }

  // "count: bytes [count: bytes] @ 0x... 0x...". A stray line that is no
  // record header is skipped without ending the record being read, so its
  // remaining frames still belong to it; a broken header ends it, and its
  // own frames are dropped with it.
  bool RecordLine(uint64_t line_no, std::string_view t) {
    const bool header_like =
        (std::isdigit(static_cast<unsigned char>(t[0])) || t[0] == '-') &&
        t.find('@') != std::string_view::npos;
    Cursor r{t};
    int64_t v[4];
    if (!ParseCounts(&r, v)) {
      if (header_like) Finish();
      return bad_lines_->Report(line_no, "malformed heap record");
    }
    Finish();
    if ((v[0] == 0 && v[1] != 0) || (v[2] == 0 && v[3] != 0)) {
      return bad_lines_->Report(line_no, "count 0 with non-zero bytes");
    }
    if (!legacy::ParseAddressList(&r, &addresses_)) {
      return bad_lines_->Report(line_no, "malformed address list");
    }
    Start(v);
    return true;
  }

  // Begins a record with the values of its line (alloc, then inuse).
  void Start(const int64_t v[4]) {
    values_.clear();
    block_size_ = 0;
    if (header_.has_alloc()) AddValues(v[2], v[3]);
    AddValues(v[0], v[1]);
    frames_.clear();
    have_record_ = true;
  }

  void AddValues(int64_t count, int64_t size) {
    if (count != 0) {
      block_size_ = (count == -1) ? MulWrap(size, -1) : size / count;
      if (header_.v2) {
        ScaleHeapSample(count, size, header_.period, &count, &size);
      }
    }
    values_.push_back(count);
    values_.push_back(size);
  }

  // Turns the record being read into a sample.
  void Finish() {
    if (!have_record_) return;
    have_record_ = false;
    std::vector<uint32_t> locations;
    tables_.AppendStack(frames_, addresses_, legacy::Adjust::kAll, &locations);
    Label bytes;
    bytes.key = "bytes";
    bytes.is_num = true;
    bytes.num = block_size_;
    p_->samples.Add(locations, values_, {&bytes, 1});
  }

  const Header& header_;
  Profile* p_;
  MemStats* memstats_;
  io::BadLineSink* bad_lines_;
  TableBuilder tables_;
  bool in_memstats_ = false;
  // The record being read: its values, frames and addresses.
  bool have_record_ = false;
  std::vector<int64_t> values_;
  int64_t block_size_ = 0;
  std::vector<CommentFrame> frames_;
  std::vector<uint64_t> addresses_;
};

}  // namespace

int64_t MemStats::Get(std::string_view key) const {
  for (const auto& [k, v] : fields) {
    if (k == key) {
      int64_t n = 0;
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec != std::errc() || end != v.data() + v.size()) return -1;
      return n;
    }
  }
  return -1;
}

bool LooksLikeLegacyHeap(std::string_view data) {
  size_t i = 0;
  while (i < data.size() && (data[i] == ' ' || data[i] == '\n' ||
                             data[i] == '\r' || data[i] == '\t')) {
    ++i;
  }
  return data.substr(i, 13) == "heap profile:";
}

void ScaleHeapSample(int64_t count, int64_t size, int64_t rate,
                     int64_t* scaled_count, int64_t* scaled_size) {
  if (count == 0 || size == 0) {
    *scaled_count = *scaled_size = 0;
    return;
  }
  if (rate <= 1) {  // every allocation was recorded, or the rate is unknown
    *scaled_count = count;
    *scaled_size = size;
    return;
  }
  double avg = static_cast<double>(size) / static_cast<double>(count);
  double scale = 1 / (1 - std::exp(-avg / static_cast<double>(rate)));
  auto clamp = [](double v) -> int64_t {
    if (!(v < 9.2e18)) return INT64_MAX;  // also NaN
    if (v < -9.2e18) return INT64_MIN;
    return static_cast<int64_t>(v);
  };
  *scaled_count = clamp(static_cast<double>(count) * scale);
  *scaled_size = clamp(static_cast<double>(size) * scale);
}

bool ParseLegacyHeap(std::string_view text, Profile* out, MemStats* memstats,
                     io::BadLineSink* bad_lines, std::string* error) {
  *out = Profile();
  io::LineSplitter lines(text);
  uint64_t line_no = 0;
  Header header;
  if (!ParseHeader(&lines, &line_no, &header, error)) return false;
  SetSampleTypes(header, out);
  RecordParser(header, out, memstats, bad_lines).Run(&lines, line_no, text);
  return true;
}

}  // namespace pprof
