// Fuzzes the one gzip inflater (io::GzipStream) and the line reader on top
// of it: arbitrary bytes, fed in blocks whose size comes from the first
// byte, with a small line limit so the overlong-line path runs too. Must
// never crash, hang, trip a sanitizer or hand out a line over the limit.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/io/gzip_stream.h"
#include "common/io/input_file.h"
#include "common/io/line_reader.h"

namespace {

void InflateInBlocks(const char* data, size_t size, size_t block) {
  io::GzipStream gz("fuzz.gz");
  size_t fed = 0;
  char buf[4096];
  size_t out = 0;
  for (;;) {
    const long got = gz.Read(buf, sizeof(buf));
    if (got < 0) return;
    out += static_cast<size_t>(got);
    if (out > (64u << 20)) return;  // a bomb: enough
    if (got > 0) continue;
    if (!gz.needs_input()) return;
    if (fed == size) {
      gz.EndInput();
    } else {
      const size_t n = std::min(block, size - fed);
      gz.Feed(data + fed, n);
      fed += n;
    }
  }
}

// The same bytes as a file through InputFile and LineReader.
void ReadLines(const char* data, size_t size) {
  char path[] = "/tmp/gzip_stream_fuzzer.XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return;
  const bool written = write(fd, data, size) == static_cast<ssize_t>(size);
  close(fd);
  std::string error;
  auto in = written ? io::InputFile::Open(path, &error) : nullptr;
  if (in) {
    constexpr size_t kMaxLine = 100;
    io::LineReader reader(in.get(), 16, kMaxLine);
    std::string_view line;
    while (reader.Next(&line)) {
      if (line.size() > kMaxLine) std::abort();
    }
  }
  unlink(path);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t block = 1 + data[0] % 64;
  const char* body = reinterpret_cast<const char*>(data) + 1;
  InflateInBlocks(body, size - 1, block);
  ReadLines(body, size - 1);
  return 0;
}
