#include "common/io/reading_now.h"

#include <algorithm>
#include <cstring>

namespace io {
namespace {
ReadingNow& Record() {
  static ReadingNow now;
  return now;
}
}  // namespace

const ReadingNow& CurrentReading() { return Record(); }

void NoteReading(std::string_view name) {
  ReadingNow& now = Record();
  size_t n = std::min(name.size(), sizeof(now.name) - 1);
  std::memcpy(now.name, name.data(), n);
  now.name[n] = '\0';
  now.bytes = 0;
  now.held_whole = false;
}

void NoteBytesRead(uint64_t n) { Record().bytes += n; }

void NoteHeldWhole(bool whole) { Record().held_whole = whole; }

}  // namespace io
