#include "common/pprof/legacy_heap.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <vector>

#include "common/io/line_reader.h"
#include "common/stack/hash.h"
#include "common/stack/index_table.h"

namespace pprof {
namespace {

// A tiny cursor over one line, for the fixed legacy grammar.
struct Cursor {
  std::string_view s;
  void SkipSpaces() {
    while (!s.empty() && (s[0] == ' ' || s[0] == '\t')) s.remove_prefix(1);
  }
  bool Int(int64_t* v) {
    SkipSpaces();
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
    if (ec != std::errc()) return false;
    s.remove_prefix(end - s.data());
    return true;
  }
  bool Char(char c) {
    SkipSpaces();
    if (s.empty() || s[0] != c) return false;
    s.remove_prefix(1);
    return true;
  }
  bool Hex(uint64_t* v) {
    SkipSpaces();
    if (s.size() < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) {
      return false;
    }
    auto [end, ec] = std::from_chars(s.data() + 2, s.data() + s.size(), *v, 16);
    if (ec != std::errc()) return false;
    s.remove_prefix(end - s.data());
    return true;
  }
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s[0] == ' ' || s[0] == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// One "#\t0xPC\tfunc+0xOFF\tfile:line" line.
struct CommentFrame {
  uint64_t pc = 0;
  uint64_t entry = 0;
  std::string_view name;
  std::string_view file;
  int64_t line = 0;
};

bool ParseCommentFrame(std::string_view line, CommentFrame* f) {
  Cursor c{line.substr(1)};
  if (!c.Hex(&f->pc)) return false;
  std::string_view rest = Trim(c.s);
  // Function name up to the whitespace before the file.
  size_t ws = rest.find_first_of(" \t");
  std::string_view func = rest.substr(0, ws);
  std::string_view loc =
      ws == std::string_view::npos ? "" : Trim(rest.substr(ws));
  uint64_t off = 0;
  size_t plus = func.rfind("+0x");
  if (plus != std::string_view::npos) {
    std::string_view hex = func.substr(plus + 3);
    auto [end, ec] =
        std::from_chars(hex.data(), hex.data() + hex.size(), off, 16);
    if (ec == std::errc() && end == hex.data() + hex.size()) {
      func = func.substr(0, plus);
    } else {
      off = 0;
    }
  }
  if (func.empty()) return false;
  f->name = func;
  f->entry = f->pc - off;
  size_t colon = loc.rfind(':');
  if (colon != std::string_view::npos) {
    std::string_view num = loc.substr(colon + 1);
    int64_t n = 0;
    auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), n);
    if (ec == std::errc() && end == num.data() + num.size()) {
      f->line = n;
      loc = loc.substr(0, colon);
    }
  }
  f->file = loc;
  return true;
}

// The profile's function and location tables, interned while records are
// read (a location is keyed by its program counters).
class TableBuilder {
 public:
  explicit TableBuilder(Profile* p) : p_(p) {}

  uint32_t Function(std::string_view name, std::string_view file) {
    const uint64_t h = stack::HashString(file, stack::HashString(name));
    bool added;
    uint32_t i = functions_.FindOrInsert(
        h, static_cast<uint32_t>(p_->functions.size()),
        [&](uint32_t j) {
          const pprof::Function& f = p_->functions[j];
          return f.name == name && f.filename == file;
        },
        &added);
    if (added) {
      pprof::Function f;
      f.id = p_->functions.size() + 1;
      f.name = std::string(name);
      f.system_name = f.name;
      f.filename = std::string(file);
      p_->functions.push_back(std::move(f));
    }
    return i;
  }

  // A location for the inline group frames[begin, end) (innermost first).
  uint32_t Location(const std::vector<CommentFrame>& frames, size_t begin,
                    size_t end) {
    pcs_.clear();
    for (size_t i = begin; i < end; ++i) pcs_.push_back(frames[i].pc);
    bool added;
    uint32_t i = FindOrAddLocation(/*symbolised=*/true, &added);
    if (added) {
      for (size_t k = begin; k < end; ++k) {
        p_->locations[i].lines.push_back(
            Line{Function(frames[k].name, frames[k].file), frames[k].line});
      }
    }
    return i;
  }

  // A location for an address with no "#" line (profiles written without
  // symbols): named by the address, as pprof does with -symbolize=none.
  uint32_t AddressLocation(uint64_t pc) {
    pcs_.assign(1, pc);
    bool added;
    return FindOrAddLocation(/*symbolised=*/false, &added);
  }

 private:
  // The location of the program counters in pcs_, added (without lines)
  // when new.
  uint32_t FindOrAddLocation(bool symbolised, bool* added) {
    const uint64_t h = stack::HashBytes(pcs_.data(), pcs_.size() * 8,
                                        symbolised ? 0x5eed : 0xadd7);
    uint32_t i = locations_.FindOrInsert(
        h, static_cast<uint32_t>(p_->locations.size()),
        [&](uint32_t j) {
          const LocationKey& k = keys_[j];
          return k.symbolised == symbolised && k.count == pcs_.size() &&
                 std::equal(pcs_.begin(), pcs_.end(),
                            key_pcs_.begin() + k.begin);
        },
        added);
    if (*added) {
      keys_.push_back(LocationKey{key_pcs_.size(), pcs_.size(), symbolised});
      key_pcs_.insert(key_pcs_.end(), pcs_.begin(), pcs_.end());
      pprof::Location loc;
      loc.id = p_->locations.size() + 1;
      loc.address = pcs_[0];
      p_->locations.push_back(std::move(loc));
    }
    return i;
  }

  struct LocationKey {
    size_t begin;  // in key_pcs_
    size_t count;
    bool symbolised;
  };

  Profile* p_;
  stack::IndexTable functions_;
  stack::IndexTable locations_;
  std::vector<LocationKey> keys_;  // by location
  std::vector<uint64_t> key_pcs_;
  std::vector<uint64_t> pcs_;  // the probe
};

// The "heap profile: A: B [C: D] @ heap/N" line: totals, sampling period
// and format version.
struct Header {
  int64_t totals[4] = {0, 0, 0, 0};
  int64_t period = 0;
  bool v2 = true;
  // Whether the alloc columns differ from the inuse ones.
  bool has_alloc() const {
    return (totals[2] != totals[0] && totals[2] != 0) ||
           (totals[3] != totals[1] && totals[3] != 0);
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
    if (!Trim(line).empty()) break;
  }
  Cursor c{Trim(line)};
  c.s.remove_prefix(std::min<size_t>(13, c.s.size()));  // "heap profile:"
  if (!ParseCounts(&c, h->totals)) {
    *error = "line " + std::to_string(*line_no) + ": not a heap profile header";
    return false;
  }
  std::string_view kind = Trim(c.s);
  size_t slash = kind.find('/');
  if (slash != std::string_view::npos) {
    std::string_view num = kind.substr(slash + 1);
    std::from_chars(num.data(), num.data() + num.size(), h->period);
    kind = kind.substr(0, slash);
  }
  if (kind == "heap") {
    h->period /= 2;
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
  void Run(io::LineSplitter* lines, uint64_t line_no) {
    std::string_view line;
    while (lines->Next(&line)) {
      if (!ParseLine(++line_no, Trim(line))) return;
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
    std::string_view kv = Trim(t.substr(1));
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
    addresses_.clear();
    for (r.SkipSpaces(); !r.s.empty(); r.SkipSpaces()) {
      uint64_t a;
      if (!r.Hex(&a)) {
        return bad_lines_->Report(line_no, "malformed address list");
      }
      addresses_.push_back(a);
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
    if (!frames_.empty()) {
      // Group frames (innermost first) by function entry: the same entry
      // under a different name is an inlined call.
      size_t begin = 0;
      for (size_t i = 1; i <= frames_.size(); ++i) {
        if (i == frames_.size() || frames_[i].entry != frames_[i - 1].entry ||
            frames_[i].name == frames_[i - 1].name) {
          locations.push_back(tables_.Location(frames_, begin, i));
          begin = i;
        }
      }
    } else {
      for (uint64_t a : addresses_) {
        locations.push_back(tables_.AddressLocation(a - 1));
      }
    }
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
  RecordParser(header, out, memstats, bad_lines).Run(&lines, line_no);
  return true;
}

}  // namespace pprof
