# The SVG writer, fed arbitrary frame names (output checked as XML).
add_fuzz_target(flame_svg common_flame fuzz_checks)
