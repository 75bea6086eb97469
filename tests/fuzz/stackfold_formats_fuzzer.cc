// Fuzzes stackfold's input handling: format detection by content and the
// InputFolder that hands each input to its parser (perf script, pprof
// protobuf, gzip, legacy heap and count text, goroutine dumps, folded
// text) and converts the result to folded stacks. The first byte forces a
// format or asks for detection and sets the options; the rest is the file,
// served through a memory file so the real io::InputFile path (gzip
// sniffing, Peek, block reads) runs.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/formats/input_folder.h"
#include "common/formats/input_format.h"
#include "common/io/input_file.h"
#include "common/stack/folded_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  const char* body = reinterpret_cast<const char*>(data) + 1;
  const size_t body_size = size - 1;
  formats::DetectFormat(std::string_view(body, body_size));

  static const formats::InputFormat kForced[] = {
      formats::InputFormat::kUnknown,     formats::InputFormat::kPerfScript,
      formats::InputFormat::kPprof,       formats::InputFormat::kLegacyHeap,
      formats::InputFormat::kLegacyCount, formats::InputFormat::kGoroutineDump,
      formats::InputFormat::kFolded,      formats::InputFormat::kUnknown};
  formats::FoldOptions options;
  options.format = kForced[flags & 7];
  options.strict = flags & 8;
  options.lines = flags & 16;
  options.trim_runtime = flags & 32;
  options.keep_shapes = flags & 64;
  options.inline_marker = flags & 128;
  if (flags & 128) options.tag = "worker";

  const int fd = memfd_create("fuzz", 0);
  if (fd < 0) return 0;
  size_t done = 0;
  while (done < body_size) {
    const ssize_t n = write(fd, body + done, body_size - done);
    if (n <= 0) break;
    done += n;
  }
  std::string error;
  auto in = io::InputFile::Open("/proc/self/fd/" + std::to_string(fd), &error);
  close(fd);
  if (in == nullptr) __builtin_trap();  // a memory file always opens
  formats::InputFolder folder(options);
  if (!folder.Add(in.get(), &error)) {
    if (error.empty()) __builtin_trap();  // a failure must say why
    return 0;
  }
  stack::FoldedToString(folder.result());
  return 0;
}
