// The fuzz targets' output checkers are oracles: they must reject what a
// strict XML or JSON parser rejects, or the targets prove nothing.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "tests/fuzz/json_check.h"
#include "tests/fuzz/xml_check.h"

namespace {

bool Xml(std::string_view doc, std::string* error = nullptr) {
  std::string e;
  const bool ok = fuzzcheck::CheckXml(
      doc,
      [](std::string_view name) {
        return name == "svg" || name == "g" || name == "title" ||
               name == "script" || name == "@id" || name == "@x";
      },
      &e);
  if (error != nullptr) *error = e;
  return ok;
}

TEST(XmlCheckTest, AcceptsWellFormedDocuments) {
  EXPECT_TRUE(
      Xml("<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C\" "
          "\"x.dtd\">\n<svg id=\"a\"><g x='1'><title>a &amp; b "
          "&lt;c&gt; &#233; &#x1F600; \xc3\xa9</title></g>"
          "<script><![CDATA[ if (a < b && c) {} ]]></script>"
          "<!-- note --><g/></svg>\n"));
}

TEST(XmlCheckTest, RejectsMalformedDocuments) {
  std::string error;
  EXPECT_FALSE(Xml("<svg><g></svg>", &error));
  EXPECT_EQ(error, "byte 14: end tag </svg> does not match");
  EXPECT_FALSE(Xml("<svg>a & b</svg>"));
  EXPECT_FALSE(Xml("<svg>&nbsp;</svg>"));
  EXPECT_FALSE(Xml("<svg>&#0;</svg>"));
  EXPECT_FALSE(Xml("<svg>\x01</svg>"));
  EXPECT_FALSE(Xml("<svg>\xff</svg>"));
  EXPECT_FALSE(Xml("<svg>\xed\xa0\x80</svg>"));  // a surrogate
  EXPECT_FALSE(Xml("<svg>a ]]> b</svg>"));
  EXPECT_FALSE(Xml("<svg id=\"a<b\"/>"));
  EXPECT_FALSE(Xml("<svg id=a/>"));
  EXPECT_FALSE(Xml("<svg id=\"1\" id=\"2\"/>"));
  EXPECT_FALSE(Xml("<svg><!-- a -- b --></svg>"));
  EXPECT_FALSE(Xml("<svg><script><![CDATA[ x </script></svg>"));
  EXPECT_FALSE(Xml("<svg/><svg/>"));
  EXPECT_FALSE(Xml("<svg>"));
  EXPECT_FALSE(Xml(""));
}

TEST(XmlCheckTest, RejectsNamesTheWriterDoesNotUse) {
  std::string error;
  EXPECT_FALSE(Xml("<svg><g><img/></g></svg>", &error));
  EXPECT_EQ(error, "byte 12: element name not from the writer: img");
  EXPECT_FALSE(Xml("<svg><g onload=\"alert(1)\"/></svg>", &error));
  EXPECT_EQ(error, "byte 14: attribute name not from the writer: onload");
}

TEST(JsonCheckTest, AcceptsValidJson) {
  EXPECT_TRUE(fuzzcheck::IsValidJson(
      " {\"a\":[1,-2.5e3,true,false,null,{}],\"b\":{\"c\":\"\\u00e9\\n\"},"
      "\"d\":[[],[[0]]],\"e\":\"\xc3\xa9\"} "));
  EXPECT_TRUE(fuzzcheck::IsValidJson("0"));
}

TEST(JsonCheckTest, RejectsInvalidJson) {
  for (std::string_view bad :
       {"", "{", "[1,]", "{\"a\"}", "{\"a\":1,}", "{a:1}", "[01]", "[1.]",
        "[\"\x01\"]", "[\"\xff\"]", "[\"\\x\"]", "[\"\\u12\"]", "[] []", "tru",
        "{\"a\":1}}"}) {
    EXPECT_FALSE(fuzzcheck::IsValidJson(bad)) << bad;
  }
}

}  // namespace
