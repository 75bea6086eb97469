#include "common/io/input_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/io/reading_now.h"

namespace io {
namespace {
constexpr size_t kRawBlock = 256 * 1024;
// A mapped input keeps this much before its read position in memory (the
// chunks other threads may still be folding; a page dropped too early is
// only re-read), and drops pages in batches of kReleaseBatch.
constexpr size_t kMappedLag = 4 << 20;
constexpr size_t kReleaseBatch = 2 << 20;
constexpr size_t kPopulateAhead = 2 << 20;
}  // namespace

bool LooksGzipped(const void* data, size_t n) {
  const unsigned char* p = static_cast<const unsigned char*>(data);
  return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

std::unique_ptr<InputFile> InputFile::Open(const std::string& path,
                                           std::string* error) {
  if (path == "-" || path.empty()) {
    return std::unique_ptr<InputFile>(new InputFile(0, "<stdin>", false));
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = path + ": " + std::strerror(errno);
    return nullptr;
  }
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    *error = path + ": is a directory";
    return nullptr;
  }
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  return std::unique_ptr<InputFile>(new InputFile(fd, path, true));
}

InputFile::InputFile(int fd, std::string name, bool owns_fd)
    : fd_(fd), owns_fd_(owns_fd), name_(std::move(name)) {
  NoteReading(name_);
}

InputFile::~InputFile() {
  if (map_ != nullptr) ::munmap(const_cast<char*>(map_), map_size_);
  if (owns_fd_) ::close(fd_);
}

void InputFile::PopulateAhead() {
#ifdef MADV_POPULATE_READ
  if (map_pos_ + kPopulateAhead / 2 < populated_) return;
  const size_t end = std::min(map_size_, populated_ + kPopulateAhead);
  if (end > populated_) {
    ::madvise(const_cast<char*>(map_) + populated_, end - populated_,
              MADV_POPULATE_READ);
  }
  populated_ = end;
#endif
}

bool InputFile::Map() {
  if (map_ != nullptr) return true;
  // Only a file opened by name: stdin's offset may be shared with others.
  if (!owns_fd_) return false;
  if (!sniffed_) {
    sniffed_ = true;
    if (!Sniff()) return false;
  }
  struct stat st;
  if (gzipped_ || ::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode) ||
      st.st_size <= 0 || static_cast<uint64_t>(st.st_size) < position_) {
    return false;
  }
  const size_t size = static_cast<size_t>(st.st_size);
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd_, 0);
  if (p == MAP_FAILED) return false;
  ::madvise(p, size, MADV_SEQUENTIAL);
  map_ = static_cast<const char*>(p);
  map_size_ = size;
  // What was read ahead (the sniffed block, a Peek) is in the mapping too,
  // at the offset where reading goes on.
  map_pos_ = static_cast<size_t>(position_);
  populated_ = released_ = map_pos_ / 4096 * 4096;
  pending_.clear();
  pending_pos_ = 0;
  peeked_.clear();
  peeked_pos_ = 0;
  return true;
}

std::string_view InputFile::MappedRest() const {
  return std::string_view(map_ + map_pos_, map_size_ - map_pos_);
}

void InputFile::Consume(size_t n) {
  n = std::min(n, map_size_ - map_pos_);
  map_pos_ += n;
  position_ += n;
  NoteBytesRead(n);
  ReleaseBehind();
}

void InputFile::ReleaseBehind() {
  PopulateAhead();
  if (map_pos_ < released_ + kMappedLag + kReleaseBatch) return;
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  const size_t upto = (map_pos_ - kMappedLag) / page * page;
  // The mapping is private and never written: dropped pages come back
  // from the file, unchanged, if a slow thread still reads them.
  ::madvise(const_cast<char*>(map_) + released_, upto - released_,
            MADV_DONTNEED);
  released_ = upto;
}

long InputFile::ReadRaw(char* buf, size_t n) {
  for (;;) {
    ssize_t got = ::read(fd_, buf, n);
    if (got >= 0) return got;
    if (errno == EINTR) continue;
    error_ = name_ + ": " + std::strerror(errno);
    return -1;
  }
}

// Reads the first bytes to decide between plain and gzip data.
bool InputFile::Sniff() {
  pending_.resize(kRawBlock);
  size_t have = 0;
  // Two bytes decide; keep reading until we have them or hit the end.
  while (have < 2) {
    long got = ReadRaw(pending_.data() + have, pending_.size() - have);
    if (got < 0) return false;
    if (got == 0) break;
    have += got;
  }
  pending_.resize(have);
  gzipped_ = LooksGzipped(pending_.data(), have);
  if (gzipped_) {
    zbuf_.assign(pending_.begin(), pending_.end());
    pending_.clear();
    gzip_ = std::make_unique<GzipStream>(name_);
    if (!gzip_->error().empty()) {
      error_ = gzip_->error();
      return false;
    }
    gzip_->Feed(zbuf_.data(), zbuf_.size());
  }
  return true;
}

long InputFile::ReadGzip(char* buf, size_t n) {
  for (;;) {
    long got = gzip_->Read(buf, n);
    if (got < 0) error_ = gzip_->error();
    if (got != 0 || !gzip_->needs_input()) return got;
    zbuf_.resize(kRawBlock);
    got = ReadRaw(reinterpret_cast<char*>(zbuf_.data()), zbuf_.size());
    if (got < 0) return -1;
    if (got == 0) {
      gzip_->EndInput();
    } else {
      gzip_->Feed(zbuf_.data(), got);
    }
  }
}

long InputFile::Read(char* buf, size_t n) {
  if (peeked_pos_ < peeked_.size()) {
    size_t take = std::min(n, peeked_.size() - peeked_pos_);
    std::memcpy(buf, peeked_.data() + peeked_pos_, take);
    peeked_pos_ += take;
    position_ += take;
    return static_cast<long>(take);
  }
  const long got = ReadDecoded(buf, n);
  if (got > 0) position_ += got;
  return got;
}

bool InputFile::Peek(size_t n, std::string* out) {
  if (map_ != nullptr) {  // nothing to keep aside: the mapping holds it
    out->assign(MappedRest().substr(0, n));
    return true;
  }
  // Keep what an earlier Peek saw, read on up to n bytes.
  peeked_.erase(0, peeked_pos_);
  peeked_pos_ = 0;
  while (peeked_.size() < n) {
    size_t have = peeked_.size();
    peeked_.resize(n);
    long got = ReadDecoded(peeked_.data() + have, n - have);
    if (got <= 0) {
      peeked_.resize(have);
      if (got < 0) return false;
      break;
    }
    peeked_.resize(have + got);
  }
  out->assign(peeked_, 0, std::min(n, peeked_.size()));
  return true;
}

long InputFile::ReadDecoded(char* buf, size_t n) {
  if (map_ != nullptr) {
    const size_t take = std::min(n, map_size_ - map_pos_);
    std::memcpy(buf, map_ + map_pos_, take);
    map_pos_ += take;
    NoteBytesRead(take);
    ReleaseBehind();
    return static_cast<long>(take);
  }
  long got = DecodeSome(buf, n);
  if (got > 0) NoteBytesRead(got);
  return got;
}

long InputFile::DecodeSome(char* buf, size_t n) {
  if (n == 0) return 0;
  if (!sniffed_) {
    sniffed_ = true;
    if (!Sniff()) return -1;
  }
  if (gzipped_) return ReadGzip(buf, n);
  if (pending_pos_ < pending_.size()) {
    size_t take = std::min(n, pending_.size() - pending_pos_);
    std::memcpy(buf, pending_.data() + pending_pos_, take);
    pending_pos_ += take;
    return static_cast<long>(take);
  }
  return ReadRaw(buf, n);
}

std::string TooLargeMessage(const std::string& name, uint64_t max_bytes) {
  return name + ": more than " + std::to_string(max_bytes >> 20) +
         " MiB after decompression (the limit for an input read whole; "
         "raise it with --max-input-mib)";
}

bool ReadAll(InputFile* in, std::string* out, std::string* error,
             uint64_t max_bytes) {
  // Until the next input opens, memory holds this one whole (and what is
  // decoded from it): the out-of-memory message says so.
  NoteHeldWhole(true);
  out->clear();
  size_t used = 0;
  for (;;) {
    if (out->size() - used < kRawBlock) out->resize(used + 4 * kRawBlock);
    long got = in->Read(out->data() + used, out->size() - used);
    if (got < 0) {
      *error = in->error();
      return false;
    }
    if (got == 0) break;
    used += got;
    if (used > max_bytes) {
      out->clear();
      out->shrink_to_fit();
      *error = TooLargeMessage(in->name(), max_bytes);
      return false;
    }
  }
  out->resize(used);
  return true;
}

bool ReadWholeFile(const std::string& path, std::string* out,
                   std::string* error, uint64_t max_bytes) {
  std::unique_ptr<InputFile> in = InputFile::Open(path, error);
  if (!in) return false;
  return ReadAll(in.get(), out, error, max_bytes);
}

}  // namespace io
