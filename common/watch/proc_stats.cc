#include "common/watch/proc_stats.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace watch {
namespace {

// The integer after `key` in `text` (skipping blanks), or -1.
int64_t FieldAfter(std::string_view text, std::string_view key) {
  size_t pos = 0;
  while ((pos = text.find(key, pos)) != std::string_view::npos) {
    if (pos == 0 || text[pos - 1] == '\n') break;
    pos += key.size();
  }
  if (pos == std::string_view::npos) return -1;
  pos += key.size();
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  int64_t v = -1;
  auto [p, ec] =
      std::from_chars(text.data() + pos, text.data() + text.size(), v);
  return ec == std::errc() ? v : -1;
}

}  // namespace

bool ReadProcFile(const std::string& path, std::string* out,
                  std::string* error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  out->clear();
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0 && out->size() < (1 << 20)) {
    out->append(buf, static_cast<size_t>(n));
  }
  const int saved = errno;
  ::close(fd);
  if (n < 0) {
    *error = path + ": " + std::strerror(saved);
    return false;
  }
  return true;
}

void ParseProcStatus(std::string_view text, ProcStats* out) {
  out->threads = FieldAfter(text, "Threads:");
  const int64_t kb = FieldAfter(text, "VmRSS:");
  // A value no kernel prints (over 8 EiB) is no value, not an overflow.
  out->rss_bytes = kb < 0 || kb > INT64_MAX / 1024 ? -1 : kb * 1024;
}

bool ParseProcStat(std::string_view text, ProcStats* out) {
  const size_t paren = text.rfind(')');
  if (paren == std::string_view::npos) return false;
  std::string_view rest = text.substr(paren + 1);
  // Fields after ")": 3 state, 4 ppid, ... 14 utime, 15 stime.
  uint64_t values[2] = {0, 0};
  int field = 2;
  size_t i = 0;
  while (field < 15) {
    while (i < rest.size() && rest[i] == ' ') ++i;
    if (i >= rest.size()) return false;
    size_t j = i;
    while (j < rest.size() && rest[j] != ' ' && rest[j] != '\n') ++j;
    ++field;
    if (field >= 14) {
      auto [p, ec] =
          std::from_chars(rest.data() + i, rest.data() + j, values[field - 14]);
      if (ec != std::errc() || p != rest.data() + j) return false;
    }
    i = j;
  }
  out->cpu_ticks = values[0] + values[1];
  out->has_cpu = true;
  return true;
}

bool ReadProcStats(int pid, ProcStats* out, uint64_t* bytes,
                   std::string* error) {
  const std::string dir = "/proc/" + std::to_string(pid);
  std::string text;
  *out = ProcStats();
  if (!ReadProcFile(dir + "/status", &text, error)) return false;
  *bytes += text.size();
  ParseProcStatus(text, out);
  if (!ReadProcFile(dir + "/stat", &text, error)) return false;
  *bytes += text.size();
  if (!ParseProcStat(text, out)) {
    *error = dir + "/stat: unexpected format";
    return false;
  }
  // A zombie has a stat but no memory and no threads to speak of.
  if (out->rss_bytes < 0 && text.find(") Z ") != std::string::npos) {
    *error = "process " + std::to_string(pid) + " has exited (zombie)";
    return false;
  }
  return true;
}

double CpuPercent(uint64_t ticks_before, uint64_t ticks_after, double seconds) {
  static const long hz =
      ::sysconf(_SC_CLK_TCK) > 0 ? ::sysconf(_SC_CLK_TCK) : 100;
  if (seconds <= 0 || ticks_after < ticks_before) return 0;
  return static_cast<double>(ticks_after - ticks_before) /
         static_cast<double>(hz) / seconds * 100.0;
}

}  // namespace watch
