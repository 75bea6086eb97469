#include "common/pprof/legacy_contention.h"

#include <charconv>

#include "common/io/line_reader.h"
#include "common/io/trim.h"
#include "common/pprof/legacy_frames.h"
#include "common/pprof/legacy_records.h"

namespace pprof {
namespace {

// pprof's lockRxStr: the lock implementation frames contention drops.
constexpr char kLockFrames[] =
    "RecordLockProfileData|(base::)?RecordLockProfileData.*|"
    "(base::)?SubmitMutexProfileData.*|(base::)?SubmitSpinLockProfileData.*|"
    "(base::Mutex::)?AwaitCommon.*|(base::Mutex::)?Unlock.*|"
    "(base::Mutex::)?UnlockSlow.*|(base::Mutex::)?ReaderUnlock.*|"
    "(base::MutexLock::)?~MutexLock.*|(Mutex::)?AwaitCommon.*|"
    "(Mutex::)?Unlock.*|(Mutex::)?UnlockSlow.*|(Mutex::)?ReaderUnlock.*|"
    "(MutexLock::)?~MutexLock.*|(SpinLock::)?Unlock.*|"
    "(SpinLock::)?SlowUnlock.*|(SpinLockHolder::)?~SpinLockHolder.*";

std::string_view FirstLine(io::LineSplitter* lines, uint64_t* line_no) {
  std::string_view line;
  while (lines->Next(&line)) {
    ++*line_no;
    if (!io::TrimBlanks(line).empty()) return io::TrimBlanks(line);
  }
  return {};
}

bool IsHeader(std::string_view l) {
  return l.substr(0, 16) == "--- contentionz " ||
         l.substr(0, 10) == "--- mutex:" ||
         l.substr(0, 15) == "--- contention:";
}

bool ParseInt(std::string_view s, int64_t* v) {
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  }
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *v, base);
  return ec == std::errc() && end == s.data() + s.size();
}

struct Attributes {
  int64_t cpu_hz = 0;
  int64_t period = 1;
};

// The "key = value" lines after the header, up to the first record (whose
// line is left unread: *pending) or a "---" line.
bool ReadAttributes(std::string_view text, io::LineSplitter* lines,
                    uint64_t* line_no, Attributes* a, Profile* p,
                    io::BadLineSink* bad, size_t* records_start) {
  std::string_view line;
  for (size_t start = lines->pos(); lines->Next(&line); start = lines->pos()) {
    const std::string_view t = io::TrimBlanks(line);
    const size_t eq = t.find('=');
    if (t.substr(0, 3) == "---" ||
        (!legacy::IsSpaceOrComment(t) && eq == std::string_view::npos)) {
      *records_start = start;
      return true;
    }
    ++*line_no;
    if (legacy::IsSpaceOrComment(t)) continue;
    const std::string_view key = io::TrimBlanks(t.substr(0, eq));
    const std::string_view val = io::TrimBlanks(t.substr(eq + 1));
    int64_t v = 0;
    bool ok = ParseInt(val, &v);
    if (ok && key == "cycles/second") {
      a->cpu_hz = v;
    } else if (ok && key == "sampling period") {
      a->period = v;
    } else if (ok && key == "ms since reset") {
      p->duration_nanos = MulWrap(v, 1000 * 1000);
    } else if (!(key == "discarded samples")) {
      if (!bad->Report(*line_no, "unknown contention attribute")) return false;
    }
  }
  *records_start = text.size();
  return true;
}

}  // namespace

bool LooksLikeContention(std::string_view head) {
  io::LineSplitter lines(head);
  uint64_t n = 0;
  return IsHeader(FirstLine(&lines, &n));
}

bool ParseContention(std::string_view text, Profile* out, io::BadLineSink* bad,
                     std::string* error) {
  *out = Profile();
  io::LineSplitter lines(text);
  uint64_t line_no = 0;
  if (!IsHeader(FirstLine(&lines, &line_no))) {
    *error = "line " + std::to_string(line_no) +
             ": not a contention profile header (\"--- contention:\")";
    return false;
  }
  out->period_type = ValueType{"contentions", "count"};
  out->sample_types = {{"contentions", "count"}, {"delay", "nanoseconds"}};
  out->drop_frames = kLockFrames;
  Attributes a;
  size_t start = 0;
  if (!ReadAttributes(text, &lines, &line_no, &a, out, bad, &start)) {
    return true;
  }
  out->period = a.period;
  auto record = [&a](std::string_view line, std::vector<int64_t>* values,
                     std::vector<uint64_t>* addresses) {
    legacy::Cursor c{line};
    int64_t cycles, count;
    if (!c.Int(&cycles) || cycles < 0 || !c.Int(&count) || count < 0 ||
        !c.Char('@') || !legacy::ParseAddressList(&c, addresses)) {
      return false;
    }
    if (a.period > 0) {  // unsample, as pprof
      if (a.cpu_hz > 0) {
        const double ghz = static_cast<double>(a.cpu_hz) / 1e9;
        const double d =
            static_cast<double>(cycles) * static_cast<double>(a.period) / ghz;
        cycles = d < 9.2e18 ? static_cast<int64_t>(d) : INT64_MAX;
      }
      count = MulWrap(count, a.period);
    }
    values->push_back(count);
    values->push_back(cycles);
    return true;
  };
  io::LineSplitter records(text.substr(start));
  std::string_view rest = legacy::ReadRecords(text.substr(start), &records,
                                              &line_no, record, out, bad);
  if (bad->stopped()) return true;
  legacy::FinishAfterRecords(rest, out);
  return true;
}

}  // namespace pprof
