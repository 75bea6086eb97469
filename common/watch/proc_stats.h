#ifndef COMMON_WATCH_PROC_STATS_H_
#define COMMON_WATCH_PROC_STATS_H_

// What /proc/PID says about any process: threads and VmRSS from
// /proc/PID/status, CPU time from /proc/PID/stat. Two small reads a sample.

#include <cstdint>
#include <string>
#include <string_view>

namespace watch {

struct ProcStats {
  int64_t threads = -1;
  int64_t rss_bytes = -1;
  uint64_t cpu_ticks = 0;  // utime + stime, in clock ticks
  bool has_cpu = false;
};

// Parses the text of /proc/PID/status ("Threads:\t12", "VmRSS:\t  1234 kB").
void ParseProcStatus(std::string_view text, ProcStats* out);

// Parses the text of /proc/PID/stat: utime and stime are fields 14 and 15,
// counted after the ")" that ends the command name (which may hold spaces
// and parentheses). Returns false when the line does not have them.
bool ParseProcStat(std::string_view text, ProcStats* out);

// Reads both files of `pid`, counting the bytes read into *bytes. Returns
// false with *error when the process is gone or unreadable.
bool ReadProcStats(int pid, ProcStats* out, uint64_t* bytes,
                   std::string* error);

// Reads a /proc file whole (their size is 0 to stat, so no copy_file);
// at most 1 MiB. Returns false with *error naming the file.
bool ReadProcFile(const std::string& path, std::string* out,
                  std::string* error);

// CPU use in percent of one core between two readings `seconds` apart.
double CpuPercent(uint64_t ticks_before, uint64_t ticks_after, double seconds);

}  // namespace watch

#endif  // COMMON_WATCH_PROC_STATS_H_
