#ifndef COMMON_IO_READING_NOW_H_
#define COMMON_IO_READING_NOW_H_

#include <cstdint>
#include <string_view>

namespace io {

// What the process is reading at this moment, kept so that the
// out-of-memory handler (which must not allocate) can say what was large:
// a file held whole in memory, or the stacks of a file read as a stream
// (README "Out of memory"). One reader at a time is noted: the last input
// opened. Updated once per block read, never per line.
struct ReadingNow {
  char name[256] = {};      // the input's name, cut to fit; "" before any input
  uint64_t bytes = 0;       // decompressed bytes read from it so far
  bool held_whole = false;  // being read whole (ReadAll), not streamed
};

// The current record (a process-wide one).
const ReadingNow& CurrentReading();
// An input was opened: its bytes start at 0.
void NoteReading(std::string_view name);
// `n` more decompressed bytes of it were read.
void NoteBytesRead(uint64_t n);
// It is being read whole (true) or no longer (false).
void NoteHeldWhole(bool whole);

}  // namespace io

#endif  // COMMON_IO_READING_NOW_H_
