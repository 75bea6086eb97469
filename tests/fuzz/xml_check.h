// A small strict XML well-formedness checker for the SVG fuzz target: the
// flame graph must parse as XML whatever the frame names hold, and its
// element and attribute names must come from the writer, never the input.
#ifndef TESTS_FUZZ_XML_CHECK_H_
#define TESTS_FUZZ_XML_CHECK_H_

#include <functional>
#include <string>
#include <string_view>

namespace fuzzcheck {

// Checks `doc` against the XML 1.0 well-formedness rules an SVG viewer
// enforces: valid UTF-8 and XML characters only, one root element, tags
// nested and matched, quoted attributes without '<' and without duplicates,
// only the five predefined entities and valid character references, no
// "]]>" in text, comments and CDATA sections closed. Each element and
// attribute name is passed to `on_name` (attributes as "@name"); a false
// return fails the check. On failure *error says where and why.
bool CheckXml(std::string_view doc,
              const std::function<bool(std::string_view)>& on_name,
              std::string* error);

}  // namespace fuzzcheck

#endif  // TESTS_FUZZ_XML_CHECK_H_
