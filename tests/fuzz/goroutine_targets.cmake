# Goroutine dumps (debug=2, debug=1, crash output) through clustering and
# the reports; and stackfold's format detection and converters.
add_fuzz_target(goroutine_dump common_goroutine fuzz_checks)
add_fuzz_target(stackfold_formats common_formats)
