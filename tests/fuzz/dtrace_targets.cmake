# DTrace stack text (stackfold's dtrace format) and the trial parse.
add_fuzz_target(dtrace_stacks common_formats)
