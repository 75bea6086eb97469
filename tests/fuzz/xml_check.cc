#include "tests/fuzz/xml_check.h"

#include <cstdint>
#include <string>
#include <vector>

#include "tests/fuzz/utf8_check.h"

namespace fuzzcheck {
namespace {

bool IsXmlChar(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// ASCII-only names are all the writer produces; anything else is foreign.
bool IsNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == ':';
}
bool IsNameChar(char c) {
  return IsNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class XmlChecker {
 public:
  XmlChecker(std::string_view s,
             const std::function<bool(std::string_view)>& on_name)
      : s_(s), on_name_(on_name) {}

  bool Run(std::string* error) {
    if (!CheckChars()) return Fail(error);
    bool seen_root = false;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == '<') {
        if (Starts("<?")) {
          if (!Skip("?>"))
            return Fail(error, "unclosed processing instruction");
        } else if (Starts("<!--")) {
          if (!Comment()) return Fail(error);
        } else if (Starts("<![CDATA[")) {
          if (stack_.empty()) return Fail(error, "CDATA outside the root");
          if (!Skip("]]>")) return Fail(error, "unclosed CDATA");
        } else if (Starts("<!DOCTYPE")) {
          if (seen_root) return Fail(error, "DOCTYPE after the root");
          if (!Doctype()) return Fail(error, "bad DOCTYPE");
        } else if (Starts("</")) {
          if (!EndTag()) return Fail(error);
        } else {
          if (stack_.empty() && seen_root) return Fail(error, "second root");
          seen_root = true;
          if (!StartTag()) return Fail(error);
        }
      } else if (c == '&') {
        if (stack_.empty()) return Fail(error, "reference outside the root");
        if (!Reference()) return Fail(error);
      } else {
        if (stack_.empty() && !IsSpace(c)) {
          return Fail(error, "text outside the root");
        }
        if (c == ']' && Starts("]]>")) return Fail(error, "]]> in text");
        ++pos_;
      }
    }
    if (!stack_.empty())
      return Fail(error, "unclosed element " + stack_.back());
    if (!seen_root) return Fail(error, "no root element");
    return true;
  }

 private:
  bool Fail(std::string* error, std::string why = "") {
    if (why.empty()) why = why_;
    *error = "byte " + std::to_string(pos_) + ": " + why;
    return false;
  }
  bool Starts(std::string_view p) const {
    return s_.substr(pos_, p.size()) == p;
  }
  // Moves past the next `end`; false if there is none.
  bool Skip(std::string_view end) {
    const size_t e = s_.find(end, pos_);
    if (e == std::string_view::npos) return false;
    pos_ = e + end.size();
    return true;
  }

  bool CheckChars() {
    size_t i = 0;
    while (i < s_.size()) {
      const size_t at = i;
      uint32_t cp;
      if (!DecodeUtf8(s_, &i, &cp)) {
        pos_ = at;
        why_ = "invalid UTF-8";
        return false;
      }
      if (!IsXmlChar(cp)) {
        pos_ = at;
        why_ = "character U+" + std::to_string(cp) + " not allowed in XML";
        return false;
      }
    }
    return true;
  }

  bool Comment() {
    pos_ += 4;
    const size_t e = s_.find("--", pos_);
    if (e == std::string_view::npos || s_.substr(e, 3) != "-->") {
      why_ = "bad comment";
      return false;
    }
    pos_ = e + 3;
    return true;
  }

  // <!DOCTYPE ...> with quoted ids and an optional [internal subset].
  bool Doctype() {
    pos_ += 9;
    char quote = 0;
    int bracket = 0;
    for (; pos_ < s_.size(); ++pos_) {
      const char c = s_[pos_];
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        ++bracket;
      } else if (c == ']') {
        --bracket;
      } else if (c == '>' && bracket == 0) {
        ++pos_;
        return true;
      }
    }
    return false;
  }

  bool Name(std::string_view* name) {
    const size_t start = pos_;
    if (pos_ >= s_.size() || !IsNameStart(s_[pos_])) {
      why_ = "bad name";
      return false;
    }
    while (pos_ < s_.size() && IsNameChar(s_[pos_])) ++pos_;
    *name = s_.substr(start, pos_ - start);
    return true;
  }

  void Spaces() {
    while (pos_ < s_.size() && IsSpace(s_[pos_])) ++pos_;
  }

  bool StartTag() {
    ++pos_;
    std::string_view name;
    if (!Name(&name)) return false;
    if (!on_name_(name)) {
      why_ = "element name not from the writer: " + std::string(name);
      return false;
    }
    std::vector<std::string_view> attrs;
    for (;;) {
      const size_t before = pos_;
      Spaces();
      if (pos_ >= s_.size()) {
        why_ = "unclosed start tag";
        return false;
      }
      if (Starts("/>")) {
        pos_ += 2;
        return true;
      }
      if (s_[pos_] == '>') {
        ++pos_;
        stack_.emplace_back(name);
        return true;
      }
      if (pos_ == before) {
        why_ = "no space before attribute";
        return false;
      }
      std::string_view attr;
      if (!Name(&attr)) return false;
      for (std::string_view a : attrs) {
        if (a == attr) {
          why_ = "duplicate attribute " + std::string(attr);
          return false;
        }
      }
      attrs.push_back(attr);
      if (!on_name_("@" + std::string(attr))) {
        why_ = "attribute name not from the writer: " + std::string(attr);
        return false;
      }
      Spaces();
      if (pos_ >= s_.size() || s_[pos_] != '=') {
        why_ = "attribute without value";
        return false;
      }
      ++pos_;
      Spaces();
      if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) {
        why_ = "unquoted attribute value";
        return false;
      }
      const char quote = s_[pos_++];
      for (;;) {
        if (pos_ >= s_.size()) {
          why_ = "unclosed attribute value";
          return false;
        }
        const char c = s_[pos_];
        if (c == quote) {
          ++pos_;
          break;
        }
        if (c == '<') {
          why_ = "'<' in attribute value";
          return false;
        }
        if (c == '&') {
          if (!Reference()) return false;
        } else {
          ++pos_;
        }
      }
    }
  }

  bool EndTag() {
    pos_ += 2;
    std::string_view name;
    if (!Name(&name)) return false;
    Spaces();
    if (pos_ >= s_.size() || s_[pos_] != '>') {
      why_ = "bad end tag";
      return false;
    }
    ++pos_;
    if (stack_.empty() || stack_.back() != name) {
      why_ = "end tag </" + std::string(name) + "> does not match";
      return false;
    }
    stack_.pop_back();
    return true;
  }

  bool Reference() {
    const size_t semi = s_.find(';', pos_);
    if (semi == std::string_view::npos || semi - pos_ > 12) {
      why_ = "bad reference";
      return false;
    }
    std::string_view ref = s_.substr(pos_ + 1, semi - pos_ - 1);
    pos_ = semi + 1;
    if (ref == "lt" || ref == "gt" || ref == "amp" || ref == "quot" ||
        ref == "apos") {
      return true;
    }
    if (ref.size() < 2 || ref[0] != '#') {
      why_ = "unknown entity";
      return false;
    }
    uint32_t v = 0;
    const bool hex = ref[1] == 'x';
    std::string_view digits = ref.substr(hex ? 2 : 1);
    if (digits.empty()) {
      why_ = "bad character reference";
      return false;
    }
    for (char c : digits) {
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (hex && c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (hex && c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        why_ = "bad character reference";
        return false;
      }
      v = v * (hex ? 16 : 10) + d;
      if (v > 0x10FFFF) break;
    }
    if (!IsXmlChar(v)) {
      why_ = "character reference to a non-XML character";
      return false;
    }
    return true;
  }

  std::string_view s_;
  const std::function<bool(std::string_view)>& on_name_;
  size_t pos_ = 0;
  std::string why_;
  std::vector<std::string> stack_;
};

}  // namespace

bool CheckXml(std::string_view doc,
              const std::function<bool(std::string_view)>& on_name,
              std::string* error) {
  return XmlChecker(doc, on_name).Run(error);
}

}  // namespace fuzzcheck
