#include "common/stack/symbol_table.h"

#include <algorithm>
#include <cstring>

#include "common/stack/hash.h"

namespace stack {
namespace {
constexpr size_t kArenaBlock = 64 * 1024;
}  // namespace

SymbolTable::SymbolTable() { index_.Reserve(512); }

std::string_view SymbolTable::Store(std::string_view name) {
  if (name.empty()) return std::string_view();
  if (name.size() > arena_left_) {
    size_t block = std::max(kArenaBlock, name.size());
    arena_.push_back(std::make_unique<char[]>(block));
    arena_pos_ = arena_.back().get();
    arena_left_ = block;
  }
  std::memcpy(arena_pos_, name.data(), name.size());
  std::string_view stored(arena_pos_, name.size());
  arena_pos_ += name.size();
  arena_left_ -= name.size();
  return stored;
}

int64_t SymbolTable::Find(std::string_view name) const {
  return index_.Find(HashString(name),
                     [&](uint32_t id) { return names_[id] == name; });
}

uint32_t SymbolTable::Intern(std::string_view name) {
  bool inserted = false;
  const uint32_t id = index_.FindOrInsert(
      HashString(name), static_cast<uint32_t>(names_.size()),
      [&](uint32_t i) { return names_[i] == name; }, &inserted);
  if (inserted) names_.push_back(Store(name));
  return id;
}

}  // namespace stack
