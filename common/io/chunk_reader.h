#ifndef COMMON_IO_CHUNK_READER_H_
#define COMMON_IO_CHUNK_READER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "common/io/input_file.h"

namespace io {

// Hands out an input in large chunks that each end right after a separator
// ("\n" for lines, "\n\n" for perf samples), so a chunk can be parsed on its
// own, on any thread. Memory stays at a few chunks whatever the input size.
class ChunkReader {
 public:
  explicit ChunkReader(InputFile* in, size_t chunk_size = 1 << 20);

  // Replaces *chunk with the next chunk. Returns false at the end of input
  // or on a read error (then ok() is false).
  bool Next(std::string* chunk, std::string_view separator);

  // Same, with the cut chosen by `find_cut`: given the data read so far, it
  // returns how many leading bytes form whole records (the chunk), or npos
  // when no record ends yet (more is read and it is asked again).
  bool Next(std::string* chunk,
            const std::function<size_t(std::string_view)>& find_cut);

  // Byte offset (in decompressed data) where the last chunk starts.
  uint64_t chunk_offset() const { return chunk_offset_; }
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  InputFile* in_;
  size_t chunk_size_;
  std::string carry_;
  bool eof_ = false;
  uint64_t chunk_offset_ = 0;
  uint64_t next_offset_ = 0;
  std::string error_;
};

}  // namespace io

#endif  // COMMON_IO_CHUNK_READER_H_
