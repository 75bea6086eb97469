#include "common/io/utf8.h"

#include <gtest/gtest.h>

#include <string_view>

namespace io {
namespace {

// Length DecodeUtf8 gives for the character at the start of s, and its
// code point (0 when invalid).
std::pair<size_t, uint32_t> Decode(std::string_view s) {
  uint32_t cp = 0;
  const size_t n = DecodeUtf8(s, 0, &cp);
  return {n, n == 0 ? 0 : cp};
}

TEST(Utf8Test, DecodesEachLength) {
  EXPECT_EQ(Decode("A"), (std::pair<size_t, uint32_t>{1, 0x41}));
  EXPECT_EQ(Decode(std::string_view("\0", 1)),
            (std::pair<size_t, uint32_t>{1, 0}));
  EXPECT_EQ(Decode("\xC3\xA9"), (std::pair<size_t, uint32_t>{2, 0xE9}));
  EXPECT_EQ(Decode("\xE2\x82\xAC"), (std::pair<size_t, uint32_t>{3, 0x20AC}));
  EXPECT_EQ(Decode("\xF0\x9F\x94\xA5"),
            (std::pair<size_t, uint32_t>{4, 0x1F525}));
  EXPECT_EQ(Decode("\xF4\x8F\xBF\xBF"),
            (std::pair<size_t, uint32_t>{4, 0x10FFFF}));
  // Noncharacters are well-formed UTF-8; whether a format takes them is the
  // writer's business (XML does not).
  EXPECT_EQ(Decode("\xEF\xBF\xBE"), (std::pair<size_t, uint32_t>{3, 0xFFFE}));
}

TEST(Utf8Test, DecodesInTheMiddleOfAString) {
  uint32_t cp = 0;
  EXPECT_EQ(DecodeUtf8("ab\xC3\xA9z", 2, &cp), 2u);
  EXPECT_EQ(cp, 0xE9u);
  EXPECT_EQ(DecodeUtf8("ab\xC3\xA9z", 3, &cp), 0u);  // continuation byte
}

TEST(Utf8Test, RejectsMalformedSequences) {
  for (std::string_view bad : {
           std::string_view("\x80"),                  // stray continuation
           std::string_view("\xBF"),                  // stray continuation
           std::string_view("\xC0\xAF"),              // overlong '/'
           std::string_view("\xC1\xBF"),              // overlong
           std::string_view("\xE0\x80\xAF"),          // overlong, 3 bytes
           std::string_view("\xF0\x80\x80\xAF"),      // overlong, 4 bytes
           std::string_view("\xED\xA0\x80"),          // surrogate U+D800
           std::string_view("\xED\xBF\xBF"),          // surrogate U+DFFF
           std::string_view("\xF4\x90\x80\x80"),      // U+110000
           std::string_view("\xF5\x80\x80\x80"),      // lead past U+10FFFF
           std::string_view("\xF8\x88\x80\x80\x80"),  // 5-byte form
           std::string_view("\xFF"), std::string_view("\xFE"),
           std::string_view("\xC3"),          // truncated at the end
           std::string_view("\xE2\x82"),      // truncated at the end
           std::string_view("\xC3("),         // continuation missing
           std::string_view("\xE2\x28\xA1"),  // continuation missing
       }) {
    uint32_t cp = 12345;
    EXPECT_EQ(DecodeUtf8(bad, 0, &cp), 0u) << testing::PrintToString(bad);
  }
}

}  // namespace
}  // namespace io
