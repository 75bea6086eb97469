#ifndef COMMON_WATCH_PPROF_INDEX_H_
#define COMMON_WATCH_PPROF_INDEX_H_

// The cheap numbers a Go service's net/http/pprof hands out: the profile
// counts of its index page (/debug/pprof/, one small HTML page: goroutine
// and threadcreate counts), and the in-use heap from expvar (/debug/vars)
// or from the MemStats comment of heap?debug=1.

#include <cstdint>
#include <string_view>

namespace watch {

// The count of profile `name` in the index page's table
// ("<tr><td>57</td><td><a href='goroutine?debug=1'>goroutine</a></td></tr>"),
// or -1 when the page has no such row.
int64_t IndexCount(std::string_view page, std::string_view name);

// "HeapInuse" from expvar's JSON ("memstats": {..., "HeapInuse": 123, ...})
// or from heap?debug=1's "# HeapInuse = 123"; -1 when absent.
int64_t HeapInuseFromExpvar(std::string_view json);
int64_t HeapInuseFromDebugHeap(std::string_view text);

}  // namespace watch

#endif  // COMMON_WATCH_PPROF_INDEX_H_
