#ifndef COMMON_FLAME_POD_ARRAY_H_
#define COMMON_FLAME_POD_ARRAY_H_

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>
#include <type_traits>

namespace flame {

// A growable array of plain values (a flame graph's millions of tree
// nodes) that grows without copying: its pages come straight from mmap and
// growing remaps them (mremap), so growth never holds the old and the new
// block at once (peak memory is the array, not 1.5 times it) and never
// touches the pages again. Elsewhere than Linux it falls back to realloc.
template <typename T>
class PodArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  PodArray() = default;
  PodArray(const PodArray&) = delete;
  PodArray& operator=(const PodArray&) = delete;
  ~PodArray() { Free(); }

  void push_back(const T& value) {
    if (size_ == capacity_) Grow();
    data_[size_++] = value;
  }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  static constexpr size_t kFirstBytes = 64 * 1024;

  void Grow() {
    const size_t old_bytes = capacity_ * sizeof(T);
    const size_t bytes = old_bytes == 0 ? kFirstBytes : old_bytes * 2;
    void* p = nullptr;
#ifdef __linux__
    p = data_ == nullptr ? mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                         : mremap(data_, old_bytes, bytes, MREMAP_MAYMOVE);
    if (p == MAP_FAILED) OutOfMemory();
#else
    p = std::realloc(data_, bytes);
    if (p == nullptr) OutOfMemory();
#endif
    data_ = static_cast<T*>(p);
    capacity_ = bytes / sizeof(T);
  }

  // As operator new fails: the new-handler first (the tools' says "out of
  // memory" and exits 2), then std::bad_alloc.
  [[noreturn]] static void OutOfMemory() {
    if (std::new_handler handler = std::get_new_handler()) handler();
    throw std::bad_alloc();
  }

  void Free() {
    if (data_ == nullptr) return;
#ifdef __linux__
    munmap(data_, capacity_ * sizeof(T));
#else
    std::free(data_);
#endif
  }

  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace flame

#endif  // COMMON_FLAME_POD_ARRAY_H_
