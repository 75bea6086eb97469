#ifndef COMMON_IO_GZIP_STREAM_H_
#define COMMON_IO_GZIP_STREAM_H_

#include <zlib.h>

#include <cstdint>
#include <string>

#include "common/io/limits.h"

namespace io {

// THE gzip inflater of the project, fed compressed blocks by its owner (a
// file reader, or bytes already in memory). Concatenated gzip members are
// read as one stream, and zero bytes padding the end are skipped; anything
// else after a member's end is ignored with a warning naming its offset
// (io::Warn), as gzip -dc does ("trailing garbage ignored"). Errors name the
// input and the compressed byte offset: "x.gz: truncated gzip data (ends at
// byte 600)", "x.gz: corrupt gzip data at byte 17 (invalid block type)".
class GzipStream {
 public:
  explicit GzipStream(std::string name);
  ~GzipStream();
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  // Hands over the next compressed block; it must stay valid until
  // needs_input() is true again.
  void Feed(const void* data, size_t n);
  // Says no more compressed data follows.
  void EndInput() { input_ended_ = true; }
  // True when Read can make no progress without Feed or EndInput.
  bool needs_input() const { return zs_.avail_in == 0 && !input_ended_; }

  // Inflates up to `n` bytes into buf. Returns the count; 0 when it needs
  // input (see needs_input()) or at the end of the data; -1 on an error
  // (see error()).
  long Read(char* buf, size_t n);

  const std::string& error() const { return error_; }

 private:
  // False with error_ set when a member cannot start.
  bool StartMemberIfNeeded();

  std::string name_;
  std::string error_;
  z_stream zs_{};
  bool init_ = false;
  bool input_ended_ = false;
  bool member_ended_ = false;
  uint64_t compressed_offset_ = 0;
};

// Inflates gzip data held in memory into *out (concatenated members too).
// Returns false with *error (as GzipStream's, naming `name`) otherwise.
// At most `max_bytes` come out (see kDefaultMaxWholeInput): a second gzip
// layer cannot be a bomb either.
bool GunzipBytes(const std::string& name, const std::string& in,
                 std::string* out, std::string* error,
                 uint64_t max_bytes = Limits().max_whole_input);

}  // namespace io

#endif  // COMMON_IO_GZIP_STREAM_H_
