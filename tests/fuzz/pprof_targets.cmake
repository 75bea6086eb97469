# pprof protobuf (raw and gzipped) through LoadProfileFromBytes, and the
# legacy text heap format directly.
add_fuzz_target(pprof_profile common_pprof)
add_fuzz_target(legacy_heap common_pprof)
# Every other legacy reader (CPU, count, threadz, contention, heap maps).
add_fuzz_target(legacy_profiles common_pprof)
