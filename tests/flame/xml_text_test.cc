#include "common/flame/xml_text.h"

#include <gtest/gtest.h>

#include <string>

namespace flame {
namespace {

std::string Escape(std::string_view s) {
  std::string out;
  AppendXmlEscaped(s, &out);
  return out;
}

std::string Label(std::string_view s, size_t chars, bool keep_end = false) {
  std::string out;
  AppendXmlLabel(s, chars, keep_end, &out);
  return out;
}

TEST(XmlTextTest, EscapesMarkupCharacters) {
  EXPECT_EQ(Escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
  EXPECT_EQ(Escape("</title><script>alert(1)</script>"),
            "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(Escape("]]>"), "]]&gt;");
  EXPECT_EQ(Escape("&amp;"), "&amp;amp;");
  EXPECT_EQ(Escape("std::vector<int>::push_back"),
            "std::vector&lt;int&gt;::push_back");
}

TEST(XmlTextTest, ReplacesControlsAndBrokenUtf8) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(Escape(std::string("a\x1b[31mb", 7)), "a" + r + "[31mb");
  EXPECT_EQ(Escape(std::string("\0\x01\t\x7f", 4)), r + r + r + r);
  EXPECT_EQ(Escape("\xC3\xA9t\xC3\xA9"), "\xC3\xA9t\xC3\xA9");  // "été"
  EXPECT_EQ(Escape("\xC3"), r);                                 // truncated
  EXPECT_EQ(Escape("\xC0\xAF"), r + r);                         // overlong
  EXPECT_EQ(Escape("\xED\xA0\x80"), r + r + r);                 // surrogate
  EXPECT_EQ(Escape("\xEF\xBF\xBF"), r + r + r);                 // U+FFFF
  EXPECT_EQ(Escape("\xF0\x9F\x94\xA5"), "\xF0\x9F\x94\xA5");    // emoji
  EXPECT_EQ(Escape("\xFF"), r);
}

TEST(XmlTextTest, CountsCharactersNotBytes) {
  EXPECT_EQ(XmlCharCount("abc"), 3u);
  EXPECT_EQ(XmlCharCount("\xC3\xA9t\xC3\xA9"), 3u);
  EXPECT_EQ(XmlCharCount("a\xFF"), 2u);
  EXPECT_EQ(XmlCharCount("&<"), 2u);
}

TEST(XmlTextTest, LabelsAreCutBetweenCharacters) {
  EXPECT_EQ(Label("main.work", 20), "main.work");
  EXPECT_EQ(Label("main.work", 6), "main..");
  EXPECT_EQ(Label("main.work", 6, true), "..work");
  EXPECT_EQ(Label("main.work", 2), "");
  // An escape is never split: "&" counts as one character.
  EXPECT_EQ(Label("a&b&c&d", 5), "a&amp;b..");
  EXPECT_EQ(Label("a&b&c&d", 5, true), "..c&amp;d");
  // Multi-byte characters stay whole.
  EXPECT_EQ(Label("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 3), "\xC3\xA9..");
  EXPECT_EQ(Label("\xF0\x9F\x94\xA5xyz\xF0\x9F\x94\xA5", 4, true),
            "..z\xF0\x9F\x94\xA5");
}

}  // namespace
}  // namespace flame
