#ifndef COMMON_FLAME_SVG_SCRIPT_H_
#define COMMON_FLAME_SVG_SCRIPT_H_

#include <string_view>

namespace flame {

// The interactive part of every flame graph: hover details, click to zoom,
// regex search with Matched: %, ignore-case toggle, state kept in the URL.
// It reads its settings from data-* attributes of the <svg> element and
// each frame's name from the data-name attribute of its <g>, so no user
// text ever appears inside the script. Contains no "]]>", so it can sit in a
// CDATA section. The text is flamegraph.js, embedded at build time.
std::string_view FlameScript();

// The stylesheet (without the font family, which the writer adds).
std::string_view FlameStyle();

}  // namespace flame

#endif  // COMMON_FLAME_SVG_SCRIPT_H_
