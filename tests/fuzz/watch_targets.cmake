# spikewatch's parsers of outside text: --rule, --replay lines, the pprof
# index page and heap figures, /proc/PID/status and /proc/PID/stat.
add_fuzz_target(watch_input common_watch)
