# pprof protobuf (raw and gzipped) through LoadProfileFromBytes, and the
# legacy text heap format directly.
add_fuzz_target(pprof_profile common_pprof)
add_fuzz_target(legacy_heap common_pprof)
