#include "common/flame/svg_script.h"

namespace flame {

std::string_view FlameStyle() {
  return R"CSS(	#search, #ignorecase { opacity:0.1; cursor:pointer; }
	#search:hover, #search.show, #ignorecase:hover, #ignorecase.show { opacity:1; }
	#subtitle { text-anchor:middle; fill:rgb(160,160,160); }
	#title { text-anchor:middle; font-size:17px; }
	#unzoom { cursor:pointer; }
	#frames > *:hover { stroke:black; stroke-width:0.5; cursor:pointer; }
	.hide { display:none; }
	.parent { opacity:0.5; }
)CSS";
}

}  // namespace flame
