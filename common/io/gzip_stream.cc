#include "common/io/gzip_stream.h"

#include <utility>

#include "common/io/input_file.h"
#include "common/io/reading_now.h"
#include "common/io/run.h"

namespace io {

GzipStream::GzipStream(std::string name) : name_(std::move(name)) {
  init_ = inflateInit2(&zs_, 15 + 16) == Z_OK;
  if (!init_) error_ = name_ + ": cannot initialise zlib";
}

GzipStream::~GzipStream() {
  if (init_) inflateEnd(&zs_);
}

void GzipStream::Feed(const void* data, size_t n) {
  zs_.next_in = static_cast<Bytef*>(const_cast<void*>(data));
  zs_.avail_in = static_cast<uInt>(n);
}

bool GzipStream::StartMemberIfNeeded() {
  if (!member_ended_) return true;
  // Zero bytes may pad a gzip file's end (tape and block devices), in any
  // number, wherever a read happens to cut them: skipped, as gzip -dc does.
  while (zs_.avail_in > 0 && *zs_.next_in == 0) {
    ++zs_.next_in;
    --zs_.avail_in;
    ++compressed_offset_;
  }
  if (zs_.avail_in == 0) return false;  // more input, or the end
  // Another gzip member follows (concatenated .gz files), or bytes that are
  // not gzip, which end the data. One byte is enough to tell: a member
  // starts with 0x1f, and zlib reads a header cut between two blocks.
  if (*zs_.next_in != 0x1f) {
    Warn(name_ + ": ignored the bytes after the gzip data, from byte " +
         std::to_string(compressed_offset_) +
         " (not gzip; gzip -dc ignores them too)");
    input_ended_ = true;
    zs_.avail_in = 0;
    return false;
  }
  inflateReset(&zs_);
  member_ended_ = false;
  return true;
}

long GzipStream::Read(char* buf, size_t n) {
  if (!init_) return -1;
  zs_.next_out = reinterpret_cast<Bytef*>(buf);
  zs_.avail_out = static_cast<uInt>(n);
  while (zs_.avail_out == n) {
    if (zs_.avail_in == 0) {
      if (input_ended_ && !member_ended_) {
        error_ = name_ + ": truncated gzip data (ends at byte " +
                 std::to_string(compressed_offset_) + ")";
        return -1;
      }
      break;  // the end, or the owner feeds more
    }
    if (!StartMemberIfNeeded()) break;
    uInt before = zs_.avail_in;
    int rc = inflate(&zs_, Z_NO_FLUSH);
    compressed_offset_ += before - zs_.avail_in;
    if (rc == Z_STREAM_END) {
      member_ended_ = true;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      error_ = name_ + ": corrupt gzip data at byte " +
               std::to_string(compressed_offset_) + " (" +
               (zs_.msg ? zs_.msg : "zlib error") + ")";
      return -1;
    }
  }
  return static_cast<long>(n - zs_.avail_out);
}

bool GunzipBytes(const std::string& name, const std::string& in,
                 std::string* out, std::string* error, uint64_t max_bytes) {
  GzipStream gz(name);
  // For the out-of-memory message: this layer is what grows now.
  NoteReading(name + " (its inner gzip layer)");
  NoteHeldWhole(true);
  gz.Feed(in.data(), in.size());
  gz.EndInput();
  out->clear();
  char buf[1 << 16];
  for (;;) {
    long got = gz.Read(buf, sizeof(buf));
    if (got < 0) {
      *error = gz.error();
      return false;
    }
    if (got == 0) return true;
    out->append(buf, got);
    NoteBytesRead(got);
    if (out->size() > max_bytes) {
      out->clear();
      *error = TooLargeMessage(name, max_bytes);
      return false;
    }
  }
}

}  // namespace io
