# Writes OUTPUT, a C++ file defining flame::FlameScript() as the text of
# INPUT (flamegraph.js), so the script is edited as JavaScript and still
# ships inside the binary. Run as: cmake -DINPUT=... -DOUTPUT=... -P this.
file(READ "${INPUT}" script)
# The script sits in a CDATA section of the SVG and in a C++ raw string.
foreach(marker "]]>" ")FLAMEGRAPH_JS\"")
  string(FIND "${script}" "${marker}" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "${INPUT} must not contain ${marker}")
  endif()
endforeach()
file(WRITE "${OUTPUT}"
     "// Generated from ${INPUT} by embed_script.cmake; do not edit.\n"
     "#include \"common/flame/svg_script.h\"\n\n"
     "namespace flame {\n\n"
     "std::string_view FlameScript() {\n"
     "  return R\"FLAMEGRAPH_JS(${script})FLAMEGRAPH_JS\";\n"
     "}\n\n"
     "}  // namespace flame\n")
