#ifndef COMMON_STACK_SYMBOL_TABLE_H_
#define COMMON_STACK_SYMBOL_TABLE_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "common/stack/index_table.h"

namespace stack {

// Interns frame names: each distinct name gets a dense id (0, 1, 2, ...), so
// stacks can be stored and compared as integer sequences. Names live in an
// arena; the views returned by Name() stay valid for the table's lifetime.
class SymbolTable {
 public:
  SymbolTable();
  SymbolTable(const SymbolTable&) = delete;
  SymbolTable& operator=(const SymbolTable&) = delete;
  SymbolTable(SymbolTable&&) = default;
  SymbolTable& operator=(SymbolTable&&) = default;

  // Returns the id of `name`, adding it if new.
  uint32_t Intern(std::string_view name);
  // Returns the id of `name`, or -1 if it was never interned.
  int64_t Find(std::string_view name) const;
  std::string_view Name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

 private:
  std::string_view Store(std::string_view name);

  std::vector<std::string_view> names_;  // by id
  IndexTable index_;                     // name -> id
  std::vector<std::unique_ptr<char[]>> arena_;
  size_t arena_left_ = 0;
  char* arena_pos_ = nullptr;
};

}  // namespace stack

#endif  // COMMON_STACK_SYMBOL_TABLE_H_
