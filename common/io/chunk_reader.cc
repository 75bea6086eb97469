#include "common/io/chunk_reader.h"

#include <string.h>

#include <algorithm>

namespace io {

ChunkReader::ChunkReader(InputFile* in, size_t chunk_size, size_t max_line)
    : in_(in),
      chunk_size_(chunk_size),
      max_line_(std::max<size_t>(max_line, kOverlongLine.size() + 1)) {}

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
  const void* nl = memrchr(chunk->data(), '\n', chunk->size());
  line_start_ = nl ? static_cast<const char*>(nl) - chunk->data() + 1 : 0;
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
        next_offset_ += chunk->size();
        return !chunk->empty();
      }
      // No separator yet (a huge line or sample): read on; the read size
      // grows with the chunk so this stays linear.
    }
    if (!ReadMore(chunk)) {
      // End of input, or an error: hand out what was read (the caller
      // checks ok()).
      if (!ok()) {
        next_offset_ += chunk->size();
        return !chunk->empty();
      }
    }
    CutOverlongLines(chunk);
  }
}

bool ChunkReader::NextView(
    std::string_view* chunk, std::string* storage,
    const std::function<size_t(std::string_view)>& find_cut) {
  // Bytes carried over from a copied chunk come first: stay on the copying
  // path until they are used up.
  if (in_->mapped() && carry_.empty()) {
    const std::string_view rest = in_->MappedRest();
    const size_t cut = MappedCut(rest, find_cut);
    if (cut != std::string_view::npos) {
      *chunk = rest.substr(0, cut);
      in_->Consume(cut);
      next_offset_ += cut;
      return cut > 0;
    }
  }
  const bool got = Next(storage, find_cut);
  *chunk = *storage;
  return got;
}

size_t ChunkReader::MappedCut(
    std::string_view rest,
    const std::function<size_t(std::string_view)>& find_cut) {
  // The same cuts Next makes: at least chunk_size_ bytes, asking again
  // with more (growing with the chunk) while no record ends. No line of a
  // chunk within max_line_ bytes can be past the limit.
  size_t want = chunk_size_;
  for (;;) {
    if (want >= rest.size()) {
      return rest.size() <= max_line_ ? rest.size() : std::string_view::npos;
    }
    if (want > max_line_) return std::string_view::npos;
    const size_t cut = find_cut(rest.substr(0, want));
    if (cut != 0 && cut != std::string_view::npos) return cut;
    want += std::max(chunk_size_, want / 2);
  }
}

bool ChunkReader::ReadMore(std::string* chunk) {
  const size_t used = chunk->size();
  // The read size grows with the chunk, and each read is filled (a pipe
  // hands out 64 KiB at a time), so a record that needs many reads before
  // its separator costs linear time, not one search per pipe read.
  const size_t want = std::max(chunk_size_, used / 2);
  chunk->resize(used + want);
  size_t got = 0;
  while (got < want) {
    const long n = in_->Read(chunk->data() + used + got, want - got);
    if (n <= 0) {
      if (n < 0) error_ = in_->error();
      eof_ = true;
      break;
    }
    got += n;
  }
  chunk->resize(used + got);
  return got > 0;
}

void ChunkReader::CutOverlongLines(std::string* chunk) {
  for (;;) {
    // Every line since the last check is shorter than the text since it:
    // when that is within the limit (nearly always), only the last newline
    // is needed, not a pass over every line.
    if (chunk->size() - line_start_ <= max_line_) {
      const void* nl = memrchr(chunk->data() + line_start_, '\n',
                               chunk->size() - line_start_);
      if (nl != nullptr) {
        line_start_ = static_cast<const char*>(nl) - chunk->data() + 1;
      }
      return;
    }
    // Complete lines since the last check: each one past the limit becomes
    // the marker (a read can hold whole lines when the limit is small).
    size_t pos = line_start_;
    for (;;) {
      const void* nl = memchr(chunk->data() + pos, '\n', chunk->size() - pos);
      if (nl == nullptr) break;
      size_t end = static_cast<const char*>(nl) - chunk->data();
      if (end - pos > max_line_) {
        NoteOverlong(pos, end - pos);
        chunk->replace(pos, end - pos, kOverlongLine);
        end = pos + kOverlongLine.size();
      }
      pos = end + 1;
    }
    line_start_ = pos;
    // The line still open at the end: past the limit, it is cut here and
    // the rest of it is dropped as it arrives.
    if (chunk->size() - line_start_ <= max_line_) return;
    NoteOverlong(line_start_, chunk->size() - line_start_);
    chunk->resize(line_start_);
    chunk->append(kOverlongLine);
    const size_t marker_end = chunk->size();
    if (!DropRestOfLine(chunk)) return;
    line_start_ = marker_end + 1;  // what followed the dropped line
  }
}

void ChunkReader::NoteOverlong(size_t pos, size_t length) {
  if (overlong_lines_++ == 0) {
    first_overlong_offset_ = next_offset_ + dropped_ + pos;
  }
  dropped_ += length - std::min(length, kOverlongLine.size());
}

bool ChunkReader::DropRestOfLine(std::string* chunk) {
  // Block by block: memory stays at one block however long the line is.
  std::string block;
  for (;;) {
    block.resize(chunk_size_);
    const long got = in_->Read(block.data(), block.size());
    if (got <= 0) {
      if (got < 0) error_ = in_->error();
      eof_ = true;
      return false;
    }
    const void* nl = memchr(block.data(), '\n', got);
    if (nl == nullptr) {
      dropped_ += got;
      continue;
    }
    const size_t keep_from = static_cast<const char*>(nl) - block.data();
    dropped_ += keep_from;
    chunk->append(block, keep_from, got - keep_from);
    return true;
  }
}

}  // namespace io
