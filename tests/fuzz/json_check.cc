#include "tests/fuzz/json_check.h"

#include <cctype>
#include <cstdint>
#include <vector>

#include "tests/fuzz/utf8_check.h"

namespace fuzzcheck {
namespace {

class JsonChecker {
 public:
  explicit JsonChecker(std::string_view s) : s_(s) {}

  bool Run() {
    // Containers open: '{' or '['; `expect_value` says whether the next
    // token must be a value (after ':' or ',' or at the start).
    std::vector<char> stack;
    SkipSpace();
    if (!Value(&stack)) return false;
    while (!stack.empty()) {
      SkipSpace();
      if (pos_ >= s_.size()) return false;
      const char c = s_[pos_];
      const char open = stack.back();
      if ((open == '{' && c == '}') || (open == '[' && c == ']')) {
        ++pos_;
        stack.pop_back();
        continue;
      }
      if (c != ',') return false;
      ++pos_;
      SkipSpace();
      if (open == '{' && !Member()) return false;
      if (!Value(&stack)) return false;
    }
    SkipSpace();
    return pos_ == s_.size();
  }

 private:
  void SkipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' ||
                                s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }

  // "key" ':' (the value follows).
  bool Member() {
    if (!String()) return false;
    SkipSpace();
    if (pos_ >= s_.size() || s_[pos_] != ':') return false;
    ++pos_;
    SkipSpace();
    return true;
  }

  // One value; an opened container is pushed and its first member (if
  // any) started, leaving the rest to the loop in Run.
  bool Value(std::vector<char>* stack) {
    for (;;) {
      if (pos_ >= s_.size()) return false;
      const char c = s_[pos_];
      if (c == '{' || c == '[') {
        ++pos_;
        SkipSpace();
        const char close = c == '{' ? '}' : ']';
        if (pos_ < s_.size() && s_[pos_] == close) {
          ++pos_;
          return true;
        }
        stack->push_back(c);
        if (c == '{' && !Member()) return false;
        continue;  // the first element
      }
      if (c == '"') return String();
      if (c == '-' || (c >= '0' && c <= '9')) return Number();
      for (std::string_view lit : {"true", "false", "null"}) {
        if (s_.substr(pos_, lit.size()) == lit) {
          pos_ += lit.size();
          return true;
        }
      }
      return false;
    }
  }

  bool String() {
    if (pos_ >= s_.size() || s_[pos_] != '"') return false;
    ++pos_;
    while (pos_ < s_.size()) {
      const unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        if (++pos_ >= s_.size()) return false;
        const char e = s_[pos_++];
        if (e == 'u') {
          for (int k = 0; k < 4; ++k, ++pos_) {
            if (pos_ >= s_.size() ||
                !isxdigit(static_cast<unsigned char>(s_[pos_]))) {
              return false;
            }
          }
        } else if (std::string_view("\"\\/bfnrt").find(e) ==
                   std::string_view::npos) {
          return false;
        }
        continue;
      }
      uint32_t cp;
      if (!DecodeUtf8(s_, &pos_, &cp)) return false;
    }
    return false;
  }

  bool Number() {
    if (s_[pos_] == '-') ++pos_;
    if (pos_ >= s_.size()) return false;
    if (s_[pos_] == '0') {
      ++pos_;
    } else if (!Digits()) {
      return false;
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (!Digits()) return false;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (!Digits()) return false;
    }
    return true;
  }

  bool Digits() {
    const size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

bool IsValidJson(std::string_view s) { return JsonChecker(s).Run(); }

}  // namespace fuzzcheck
