#include "common/goroutine/json_report.h"

#include "common/goroutine/leak_rules.h"
#include "common/goroutine/lock_holder.h"
#include "common/io/json_string.h"

namespace goroutine {
namespace {

void WriteFrame(const goroutine::Frame& f, const ClusterSet& set,
                std::string* out) {
  out->append("{\"func\":");
  io::AppendJsonString(set.Name(f.func), out);
  out->append(",\"file\":");
  io::AppendJsonString(set.Name(f.file), out);
  out->append(",\"line\":" + std::to_string(f.line));
  if (f.inlined) out->append(",\"inlined\":true");
  if (f.args != kNoSymbol) {
    out->append(",\"args\":");
    io::AppendJsonString(set.Name(f.args), out);
  }
  out->push_back('}');
}

void Ids(const std::vector<uint64_t>& ids, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out->push_back(',');
    out->append(std::to_string(ids[i]));
  }
  out->push_back(']');
}

// The report's head: totals, the cut, the panic, the suspect counts.
void WriteTotals(const Analysis& a, std::string* out) {
  const DumpInfo& info = a.now.info;
  out->append("{\"total\":" + std::to_string(info.goroutines));
  out->append(",\"clusters_total\":" +
              std::to_string(a.now.clusters->clusters().size()));
  out->append(",\"declared_total\":");
  out->append(info.declared_total >= 0 ? std::to_string(info.declared_total)
                                       : "null");
  out->append(",\"truncated\":");
  out->append(info.truncated ? "true" : "false");
  if (info.truncated) {
    out->append(",\"truncated_line\":" + std::to_string(info.truncated_line));
  }
  out->append(",\"panic\":");
  if (info.panic_message.empty()) {
    out->append("null");
  } else {
    io::AppendJsonString(info.panic_message, out);
  }
  if (!info.signal.empty()) {
    out->append(",\"signal\":");
    io::AppendJsonString(info.signal, out);
  }
  if (info.leak_profile) out->append(",\"goroutineleak_profile\":true");
  if (a.threads >= 0) out->append(",\"threads\":" + std::to_string(a.threads));
  if (a.has_base) {
    out->append(",\"base_total\":" + std::to_string(a.base.info.goroutines));
    if (!a.earlier.empty()) {
      std::vector<uint64_t> totals;
      for (const LoadedDump& d : a.earlier) totals.push_back(d.info.goroutines);
      out->append(",\"earlier_totals\":");
      Ids(totals, out);
    }
  }
  out->append(
      ",\"suspects\":{\"clusters\":" + std::to_string(a.suspect_clusters) +
      ",\"goroutines\":" + std::to_string(a.suspect_goroutines) + "}");
  out->append(",\"unsure\":{\"clusters\":" + std::to_string(a.unsure_clusters) +
              ",\"goroutines\":" + std::to_string(a.unsure_goroutines) + "}");
  out->append(",\"hidden_clusters\":" + std::to_string(a.hidden_clusters));
  uint64_t grouped = 0;
  for (const LockGroup& g : a.locks.groups) grouped += g.count;
  out->append(
      ",\"lock_waiters_total\":" +
      std::to_string(grouped + a.locks.not_grouped) +
      ",\"lock_waiters_not_grouped\":" + std::to_string(a.locks.not_grouped));
  if (a.locks.order_partial) out->append(",\"lock_order_partial\":true");
}

// "created_by": the creator frame and the parent goroutines, or null.
void WriteCreator(const Cluster& c, const ClusterSet& set, std::string* out) {
  if (!c.has_creator) {
    out->append("null");
    return;
  }
  out->append("{\"func\":");
  io::AppendJsonString(set.Name(c.creator.func), out);
  out->append(",\"file\":");
  io::AppendJsonString(set.Name(c.creator.file), out);
  out->append(",\"line\":" + std::to_string(c.creator.line) +
              ",\"parent_ids\":");
  Ids(c.parent_ids, out);
  if (c.more_parents > 0) {
    out->append(",\"more_parents\":" + std::to_string(c.more_parents));
  }
  out->push_back('}');
}

// The flags a cluster only carries when set, and the comparison.
void WriteClusterMarks(const ClusterEntry& e, bool has_base, std::string* out) {
  const Cluster& c = e.cluster();
  if (c.elided) out->append(",\"elided\":true");
  if (c.stack_unavailable) out->append(",\"stack_unavailable\":true");
  if (c.crashed) {
    out->append(",\"crashed\":true,\"crashed_id\":" +
                std::to_string(c.crashed_id));
  }
  if (c.truncated) out->append(",\"truncated\":true");
  if (has_base) {
    out->append(",\"change\":");
    io::AppendJsonString(ChangeName(e.change), out);
    out->append(",\"base_count\":" + std::to_string(e.base_count));
    if (!e.series.empty()) {
      out->append(",\"counts\":");
      Ids(e.series, out);  // every dump, oldest first, now last
    }
  }
}

// One element of "clusters".
void WriteCluster(const ClusterEntry& e, bool has_base, std::string* out) {
  const Cluster& c = e.cluster();
  const ClusterSet& set = *e.set;
  uint64_t count = e.change == Change::kGone ? 0 : c.count;
  out->append("{\"count\":" + std::to_string(count) + ",\"state\":");
  if (c.state == kNoSymbol) {
    out->append("null");
  } else {
    io::AppendJsonString(set.Name(c.state), out);
  }
  out->append(",\"wait_minutes\":");
  if (c.wait_known) {
    out->append("{\"min\":" + std::to_string(c.wait_min) +
                ",\"max\":" + std::to_string(c.wait_max) + "}");
  } else {
    out->append("null");
  }
  out->append(",\"locked_to_thread\":" + std::to_string(c.locked_to_thread));
  out->append(",\"ids\":");
  Ids(c.ids, out);
  // The sample holds the first ids; ids_total says how many there are.
  if (c.form == DumpForm::kTraceback) {
    out->append(",\"ids_total\":" + std::to_string(c.count));
  }
  out->append(",\"frames\":[");
  for (size_t i = 0; i < c.frames.size(); ++i) {
    if (i) out->push_back(',');
    WriteFrame(c.frames[i], set, out);
  }
  out->append("],\"user_frame\":" + std::to_string(FirstUserFrame(c, set)));
  out->append(",\"created_by\":");
  WriteCreator(c, set, out);
  out->append(",\"suspect\":");
  out->append(e.suspect ? "true" : "false");
  out->append(",\"verdict\":");
  io::AppendJsonString(VerdictName(e.kind), out);
  out->append(",\"reason\":");
  io::AppendJsonString(e.reason, out);
  out->append(",\"evidence\":");
  io::AppendJsonString(e.evidence, out);
  if (c.leaked > 0) out->append(",\"leaked\":" + std::to_string(c.leaked));
  WriteClusterMarks(e, has_base, out);
  out->push_back('}');
}

// "holder": the goroutine inside the critical section, or null with
// "holder_note" saying why none was found.
void WriteHolder(const LockGroup& g, const ClusterSet& now, std::string* out) {
  const LockHolder& h = g.holder;
  if (!h.found) {
    out->append("null,\"holder_note\":");
    io::AppendJsonString(HolderText(g, now), out);
    return;
  }
  const Cluster& c = now.clusters()[h.cluster];
  const goroutine::Frame& f = c.frames[h.frame];
  out->append("{\"goroutine\":");
  out->append(h.goroutine != 0 ? std::to_string(h.goroutine)
              : c.ids.empty()  ? "null"
                               : std::to_string(c.ids[0]));
  out->append(",\"state\":");
  io::AppendJsonString(now.Name(c.state), out);
  out->append(",\"func\":");
  io::AppendJsonString(now.Name(f.func), out);
  out->append(",\"file\":");
  io::AppendJsonString(now.Name(f.file), out);
  out->append(",\"line\":" + std::to_string(f.line) +
              ",\"lock_line\":" + std::to_string(h.lock_line) +
              ",\"candidates\":" + std::to_string(h.candidates) +
              ",\"matched_by\":\"" +
              (h.evidence == HolderEvidence::kLockAddress ? "lock address"
               : h.evidence == HolderEvidence::kReceiver  ? "receiver"
                                                          : "position") +
              "\",\"evidence\":");
  io::AppendJsonString(HolderText(g, now), out);
  out->push_back('}');
}

// One element of "locks": the lock, its holder and its waiters' frames.
void WriteLockGroup(const LockGroup& g, const ClusterSet& now,
                    std::string* out) {
  out->append("{\"lock\":");
  io::AppendJsonString(now.Name(g.lock), out);
  out->append(",\"kind\":");
  io::AppendJsonString(now.Name(g.kind), out);
  out->append(",\"waiting\":" + std::to_string(g.count) + ",\"holder\":");
  WriteHolder(g, now, out);
  out->append(",\"waiters\":[");
  for (size_t j = 0; j < g.waiters.size(); ++j) {
    const LockWait& w = g.waiters[j];
    const Cluster& c = now.clusters()[w.cluster];
    if (j) out->push_back(',');
    out->append("{\"count\":" + std::to_string(w.count));
    if (w.user_frame >= 0) {
      const goroutine::Frame& f = c.frames[w.user_frame];
      out->append(",\"func\":");
      io::AppendJsonString(now.Name(f.func), out);
      out->append(",\"file\":");
      io::AppendJsonString(now.Name(f.file), out);
      out->append(",\"line\":" + std::to_string(f.line));
    }
    out->push_back('}');
  }
  out->append("]}");
}

// One side of an inversion: where a function takes one lock, then waits.
void WriteLockOrder(const LockOrder& o, uint32_t held, uint32_t wanted,
                    const ClusterSet& now, std::string* out) {
  out->append("{\"func\":");
  io::AppendJsonString(now.Name(o.func), out);
  out->append(",\"file\":");
  io::AppendJsonString(now.Name(o.file), out);
  out->append(",\"holds\":");
  io::AppendJsonString(now.Name(held), out);
  out->append(",\"holds_line\":" + std::to_string(o.first_line) +
              ",\"waits_for\":");
  io::AppendJsonString(now.Name(wanted), out);
  out->append(",\"waits_line\":" + std::to_string(o.second_line) + "}");
}

}  // namespace

std::string WriteJsonReport(const Analysis& a) {
  std::string out;
  WriteTotals(a, &out);
  out.append(",\"clusters\":[");
  for (size_t i = 0; i < a.entries.size(); ++i) {
    out.append(i ? ",\n" : "\n");
    WriteCluster(a.entries[i], a.has_base, &out);
  }
  const ClusterSet& now = *a.now.clusters;
  out.append("],\n\"locks\":[");
  for (size_t i = 0; i < a.locks.groups.size(); ++i) {
    out.append(i ? ",\n" : "\n");
    WriteLockGroup(a.locks.groups[i], now, &out);
  }
  out.append("],\n\"inversions\":[");
  for (size_t i = 0; i < a.locks.inversions.size(); ++i) {
    const Inversion& inv = a.locks.inversions[i];
    if (i) out.push_back(',');
    out.append("[");
    WriteLockOrder(inv.first, inv.lock_a, inv.lock_b, now, &out);
    out.push_back(',');
    WriteLockOrder(inv.second, inv.lock_b, inv.lock_a, now, &out);
    out.append("]");
  }
  out.append("]}\n");
  return out;
}

}  // namespace goroutine
