#include "common/io/run.h"

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "common/io/reading_now.h"

namespace io {
namespace {

// The tool's name, copied so the handler below can use it without
// allocating.
char tool_name[64] = "stacktools";

// The address-space limit (ulimit -v) in MiB, 0 when there is none.
uint64_t AddressSpaceLimitMiB() {
  struct rlimit rl;
  if (::getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) {
    return 0;
  }
  return static_cast<uint64_t>(rl.rlim_cur) >> 20;
}

// Writes what was large into buf: the file held whole, or the stacks of a
// streamed file. snprintf into a fixed buffer: no allocation.
int DescribeWhatWasLarge(char* buf, size_t n) {
  const ReadingNow& now = CurrentReading();
  const uint64_t read_mib = now.bytes >> 20;
  if (now.name[0] == '\0') return std::snprintf(buf, n, "out of memory");
  if (now.held_whole) {
    return std::snprintf(buf, n,
                         "out of memory holding %s whole (%" PRIu64
                         " MiB read; profiles are read whole: lower "
                         "--max-input-mib to stop sooner)",
                         now.name, read_mib);
  }
  return std::snprintf(buf, n,
                       "out of memory after %" PRIu64
                       " MiB of %s: the distinct stacks it holds do not fit "
                       "(memory grows with distinct stacks and frames, not "
                       "input size)",
                       read_mib, now.name);
}

// Memory runs out with millions of distinct deep stacks, a huge profile, or
// a ulimit -v set to keep a post-mortem box from swapping. Say what was
// large and exit with the bad-input status instead of aborting on an
// uncaught std::bad_alloc.
void OutOfMemory() {
  char what[640];
  DescribeWhatWasLarge(what, sizeof(what));
  char line[800];
  const uint64_t limit = AddressSpaceLimitMiB();
  int len = limit == 0
                ? std::snprintf(line, sizeof(line), "%s: %s\n", tool_name, what)
                : std::snprintf(line, sizeof(line),
                                "%s: %s; address-space limit %" PRIu64
                                " MiB (ulimit -v)\n",
                                tool_name, what, limit);
  if (len > 0) {
    ssize_t ignored = ::write(2, line, std::min<size_t>(len, sizeof(line)));
    (void)ignored;
  }
  ::_exit(2);  // cli::kExitBadInput; io knows no cli
}

// A std::bad_alloc thrown by code that does not go through operator new
// (an mmap-backed array, a library) ends here: the same message.
void OnTerminate() {
  if (std::exception_ptr e = std::current_exception()) {
    try {
      std::rethrow_exception(e);
    } catch (const std::bad_alloc&) {
      OutOfMemory();
    } catch (...) {
    }
  }
  std::abort();
}

// A mapped input (io::InputFile::Map) that is truncated while it is read
// faults on the pages past its new end: SIGBUS. Say so and exit 2 rather
// than die of the signal. Only write(2) and _exit(2) here: both are
// async-signal-safe; the name was copied when the input opened.
void MappedFileShrank(int) {
  const ReadingNow& now = CurrentReading();
  const char* parts[] = {tool_name, ": ", now.name,
                         ": the file shrank while it was read (truncated "
                         "or rewritten by another process)\n"};
  for (const char* part : parts) {
    ssize_t ignored = ::write(2, part, std::strlen(part));
    (void)ignored;
  }
  ::_exit(2);
}

}  // namespace

void SetUpRun(std::string_view tool, const InputLimits& limits) {
  size_t n = std::min(tool.size(), sizeof(tool_name) - 1);
  std::memcpy(tool_name, tool.data(), n);
  tool_name[n] = '\0';
  SetLimits(limits);
  std::set_new_handler(OutOfMemory);
  std::set_terminate(OnTerminate);
  struct sigaction bus = {};
  bus.sa_handler = MappedFileShrank;
  ::sigaction(SIGBUS, &bus, nullptr);
}

void Warn(std::string_view message) {
  std::string line = std::string(tool_name) + ": warning: ";
  line.append(message).push_back('\n');
  ssize_t ignored = ::write(2, line.data(), line.size());
  (void)ignored;
}

}  // namespace io
