#include "common/pprof/legacy_heap.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "common/io/line_reader.h"

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

// Builds the profile's tables while records are read.
class Builder {
 public:
  explicit Builder(Profile* p) : p_(p) {}

  uint32_t Function(std::string_view name, std::string_view file) {
    std::string key;
    key.reserve(name.size() + file.size() + 1);
    key.append(name).push_back('\0');
    key.append(file);
    auto [it, added] = functions_.try_emplace(std::move(key), 0);
    if (added) {
      it->second = static_cast<uint32_t>(p_->functions.size());
      pprof::Function f;
      f.id = p_->functions.size() + 1;
      f.name = std::string(name);
      f.system_name = f.name;
      f.filename = std::string(file);
      p_->functions.push_back(std::move(f));
    }
    return it->second;
  }

  // A location for the inline group frames[begin, end) (innermost first),
  // keyed by its program counters.
  uint32_t Location(const std::vector<CommentFrame>& frames, size_t begin,
                    size_t end) {
    std::string key;
    for (size_t i = begin; i < end; ++i) {
      key.append(reinterpret_cast<const char*>(&frames[i].pc), 8);
    }
    auto [it, added] = locations_.try_emplace(std::move(key), 0);
    if (added) {
      it->second = static_cast<uint32_t>(p_->locations.size());
      pprof::Location loc;
      loc.id = p_->locations.size() + 1;
      loc.address = frames[begin].pc;
      for (size_t i = begin; i < end; ++i) {
        loc.lines.push_back(
            Line{Function(frames[i].name, frames[i].file), frames[i].line});
      }
      p_->locations.push_back(std::move(loc));
    }
    return it->second;
  }

  // A location for an address with no "#" line (profiles written without
  // symbols): named by the address, as pprof does with -symbolize=none.
  uint32_t AddressLocation(uint64_t pc) {
    std::string key(reinterpret_cast<const char*>(&pc), 8);
    key.push_back('a');
    auto [it, added] = locations_.try_emplace(std::move(key), 0);
    if (added) {
      it->second = static_cast<uint32_t>(p_->locations.size());
      pprof::Location loc;
      loc.id = p_->locations.size() + 1;
      loc.address = pc;
      p_->locations.push_back(std::move(loc));
    }
    return it->second;
  }

 private:
  Profile* p_;
  std::unordered_map<std::string, uint32_t> functions_;
  std::unordered_map<std::string, uint32_t> locations_;
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

void SkippedLines::Add(uint64_t line, std::string_view reason) {
  if (count++ == 0) {
    first_line = line;
    first_reason = std::string(reason);
  }
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

bool ParseLegacyHeap(std::string_view text, bool strict, Profile* out,
                     MemStats* memstats, SkippedLines* skipped,
                     std::string* error) {
  Profile& p = *out;
  p = Profile();
  io::LineSplitter lines(text);
  std::string_view line;
  uint64_t line_no = 0;
  // Header: heap profile: A: B [C: D] @ heap/N
  while (lines.Next(&line)) {
    ++line_no;
    if (!Trim(line).empty()) break;
  }
  int64_t h[4];
  Cursor c{Trim(line)};
  c.s.remove_prefix(std::min<size_t>(13, c.s.size()));  // "heap profile:"
  if (!(c.Int(&h[0]) && c.Char(':') && c.Int(&h[1]) && c.Char('[') &&
        c.Int(&h[2]) && c.Char(':') && c.Int(&h[3]) && c.Char(']') &&
        c.Char('@'))) {
    *error = "line " + std::to_string(line_no) + ": not a heap profile header";
    return false;
  }
  std::string_view kind = Trim(c.s);
  int64_t period = 0;
  size_t slash = kind.find('/');
  if (slash != std::string_view::npos) {
    std::string_view num = kind.substr(slash + 1);
    std::from_chars(num.data(), num.data() + num.size(), period);
    kind = kind.substr(0, slash);
  }
  bool v2 = true;
  if (kind == "heap") {
    period /= 2;
  } else if (kind == "heapprofile") {
    v2 = false;
    period = 1;
  } else if (kind != "heap_v2" && kind != "heapz_v2") {
    *error = "line " + std::to_string(line_no) +
             ": unknown heap profile kind \"" + std::string(kind) + "\"";
    return false;
  }
  const bool has_alloc =
      (h[2] != h[0] && h[2] != 0) || (h[3] != h[1] && h[3] != 0);
  p.period_type = ValueType{"space", "bytes"};
  p.period = period;
  if (has_alloc) {
    // Alloc before inuse so that the default (last) type is inuse_space.
    p.sample_types = {{"alloc_objects", "count"},
                      {"alloc_space", "bytes"},
                      {"inuse_objects", "count"},
                      {"inuse_space", "bytes"}};
  } else {
    p.sample_types = {{"objects", "count"}, {"space", "bytes"}};
  }

  Builder builder(&p);
  std::vector<CommentFrame> frames;
  std::vector<uint64_t> addresses;
  // The record being collected: values, its line number, its addresses.
  bool have_record = false;
  uint64_t record_line = 0;
  std::vector<int64_t> values;
  int64_t block_size = 0;

  auto fail = [&](uint64_t at, std::string_view reason) {
    if (strict) {
      *error = "line " + std::to_string(at) + ": " + std::string(reason);
      return false;
    }
    skipped->Add(at, reason);
    return true;
  };

  auto finish_record = [&]() {
    if (!have_record) return;
    have_record = false;
    Sample s;
    s.values = values;
    if (!frames.empty()) {
      // Group frames (innermost first) by function entry: the same entry
      // under a different name is an inlined call.
      size_t begin = 0;
      for (size_t i = 1; i <= frames.size(); ++i) {
        if (i == frames.size() || frames[i].entry != frames[i - 1].entry ||
            frames[i].name == frames[i - 1].name) {
          s.locations.push_back(builder.Location(frames, begin, i));
          begin = i;
        }
      }
    } else {
      for (uint64_t a : addresses) {
        s.locations.push_back(builder.AddressLocation(a - 1));
      }
    }
    Label bytes;
    bytes.key = "bytes";
    bytes.is_num = true;
    bytes.num = block_size;
    s.labels.push_back(std::move(bytes));
    p.samples.push_back(std::move(s));
  };

  bool in_memstats = false;
  while (lines.Next(&line)) {
    ++line_no;
    std::string_view t = Trim(line);
    if (in_memstats) {
      if (t.size() > 2 && t[0] == '#') {
        std::string_view kv = Trim(t.substr(1));
        size_t eq = kv.find(" = ");
        if (eq != std::string_view::npos) {
          memstats->fields.emplace_back(std::string(kv.substr(0, eq)),
                                        std::string(kv.substr(eq + 3)));
        }
      }
      continue;
    }
    if (t.empty()) {
      finish_record();
      continue;
    }
    if (t[0] == '#') {
      if (t.substr(0, 18) == "# runtime.MemStats") {
        finish_record();
        in_memstats = true;
        continue;
      }
      if (!have_record) continue;  // a comment outside a record
      CommentFrame f;
      if (t.size() > 1 && ParseCommentFrame(t, &f)) {
        frames.push_back(f);
      } else if (!fail(line_no, "malformed frame line")) {
        return false;
      }
      continue;
    }
    // count: bytes [count: bytes] @ 0x... 0x...
    // A stray line that is no record header is skipped without ending the
    // record being read, so its remaining frames still belong to it; a
    // broken header ends it, and its own frames are dropped with it.
    const bool header_like =
        (std::isdigit(static_cast<unsigned char>(t[0])) || t[0] == '-') &&
        t.find('@') != std::string_view::npos;
    Cursor r{t};
    int64_t v[4];
    if (!(r.Int(&v[0]) && r.Char(':') && r.Int(&v[1]) && r.Char('[') &&
          r.Int(&v[2]) && r.Char(':') && r.Int(&v[3]) && r.Char(']') &&
          r.Char('@'))) {
      if (header_like) finish_record();
      if (!fail(line_no, "malformed heap record")) return false;
      continue;
    }
    if ((v[0] == 0 && v[1] != 0) || (v[2] == 0 && v[3] != 0)) {
      finish_record();
      if (!fail(line_no, "count 0 with non-zero bytes")) return false;
      continue;
    }
    addresses.clear();
    bool ok = true;
    for (r.SkipSpaces(); !r.s.empty(); r.SkipSpaces()) {
      uint64_t a;
      if (!r.Hex(&a)) {
        ok = false;
        break;
      }
      addresses.push_back(a);
    }
    if (!ok) {
      finish_record();
      if (!fail(line_no, "malformed address list")) return false;
      continue;
    }
    finish_record();
    values.clear();
    block_size = 0;
    auto add = [&](int64_t count, int64_t size) {
      if (count != 0) {
        block_size = (count == -1) ? MulWrap(size, -1) : size / count;
        if (v2) ScaleHeapSample(count, size, period, &count, &size);
      }
      values.push_back(count);
      values.push_back(size);
    };
    if (has_alloc) add(v[2], v[3]);
    add(v[0], v[1]);
    frames.clear();
    have_record = true;
    record_line = line_no;
  }
  finish_record();
  (void)record_line;
  return true;
}

}  // namespace pprof
