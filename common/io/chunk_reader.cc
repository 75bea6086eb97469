#include "common/io/chunk_reader.h"

#include <algorithm>

namespace io {

ChunkReader::ChunkReader(InputFile* in, size_t chunk_size)
    : in_(in), chunk_size_(chunk_size) {}

bool ChunkReader::Next(std::string* chunk, std::string_view separator) {
  return Next(chunk, [separator](std::string_view data) -> size_t {
    size_t at = data.rfind(separator);
    return at == std::string_view::npos ? at : at + separator.size();
  });
}

bool ChunkReader::Next(
    std::string* chunk,
    const std::function<size_t(std::string_view)>& find_cut) {
  chunk->swap(carry_);
  carry_.clear();
  for (;;) {
    if (chunk->size() >= chunk_size_ || eof_) {
      size_t cut = std::string::npos;
      if (!eof_) {
        cut = find_cut(*chunk);
        if (cut == 0) cut = std::string::npos;
      }
      if (eof_ || cut != std::string::npos) {
        if (cut != std::string::npos && cut < chunk->size()) {
          carry_.assign(*chunk, cut, std::string::npos);
          chunk->resize(cut);
        }
        chunk_offset_ = next_offset_;
        next_offset_ += chunk->size();
        return !chunk->empty();
      }
      // No separator yet (a huge line or sample): read on; the read size
      // grows with the chunk so this stays linear.
    }
    size_t used = chunk->size();
    size_t want = std::max(chunk_size_, used / 2);
    chunk->resize(used + want);
    long got = in_->Read(chunk->data() + used, want);
    if (got < 0) {
      error_ = in_->error();
      chunk->resize(used);
      eof_ = true;
      // Hand out what was read before the error; the caller checks ok().
      chunk_offset_ = next_offset_;
      next_offset_ += chunk->size();
      return !chunk->empty();
    }
    chunk->resize(used + got);
    if (got == 0) eof_ = true;
  }
}

}  // namespace io
