#include "common/pprof/filter.h"

namespace pprof {
namespace {

bool Compile1(const char* name, const std::string& rx,
              std::unique_ptr<RE2>* out, std::string* error) {
  if (rx.empty()) return true;
  RE2::Options opts;
  opts.set_log_errors(false);
  auto re = std::make_unique<RE2>(rx, opts);
  if (!re->ok()) {
    *error = std::string("parsing ") + name + " regexp: " + re->error();
    return false;
  }
  *out = std::move(re);
  return true;
}

bool MatchesFunction(const RE2& re, const Function& f) {
  return RE2::PartialMatch(f.name, re) || RE2::PartialMatch(f.filename, re);
}

bool MappingMatches(const RE2& re, const Profile& p, const Location& loc) {
  return loc.mapping >= 0 &&
         RE2::PartialMatch(p.mappings[loc.mapping].file, re);
}

bool LocationMatches(const RE2& re, const Profile& p, const Location& loc) {
  for (const Line& ln : loc.lines) {
    if (MatchesFunction(re, p.functions[ln.function])) return true;
  }
  return MappingMatches(re, p, loc);
}

}  // namespace

bool NameFilters::Compile(const std::string& focus_rx,
                          const std::string& ignore_rx,
                          const std::string& hide_rx,
                          const std::string& show_rx, std::string* error) {
  return Compile1("focus", focus_rx, &focus, error) &&
         Compile1("ignore", ignore_rx, &ignore, error) &&
         Compile1("hide", hide_rx, &hide, error) &&
         Compile1("show", show_rx, &show, error);
}

std::vector<std::string> NameFilters::Describe() const {
  std::vector<std::string> out;
  if (focus) out.push_back("focus=" + focus->pattern());
  if (ignore) out.push_back("ignore=" + ignore->pattern());
  if (hide) out.push_back("hide=" + hide->pattern());
  if (show) out.push_back("show=" + show->pattern());
  return out;
}

FilterMatches ApplyNameFilters(const NameFilters& f, Profile* p) {
  FilterMatches m;
  if (f.empty()) return m;
  const size_t nl = p->locations.size();
  // 0 = neither, 1 = focused, 2 = ignored.
  std::vector<uint8_t> focus_or_ignore(nl, 0);
  std::vector<bool> hidden(nl, false);
  bool any_hidden = false;
  for (size_t i = 0; i < nl; ++i) {
    Location& loc = p->locations[i];
    if (f.ignore && LocationMatches(*f.ignore, *p, loc)) {
      m.ignore = true;
      focus_or_ignore[i] = 2;
    } else if (!f.focus || LocationMatches(*f.focus, *p, loc)) {
      m.focus = true;
      focus_or_ignore[i] = 1;
    }
    if (f.hide && LocationMatches(*f.hide, *p, loc)) {
      m.hide = true;
      if (MappingMatches(*f.hide, *p, loc)) {
        loc.lines.clear();
      } else {
        std::erase_if(loc.lines, [&](const Line& ln) {
          return MatchesFunction(*f.hide, p->functions[ln.function]);
        });
      }
      if (loc.lines.empty()) hidden[i] = any_hidden = true;
    }
    if (f.show) {
      if (!MappingMatches(*f.show, *p, loc)) {
        std::erase_if(loc.lines, [&](const Line& ln) {
          return !MatchesFunction(*f.show, p->functions[ln.function]);
        });
      }
      if (loc.lines.empty()) {
        hidden[i] = any_hidden = true;
      } else {
        m.show = true;
      }
    }
  }
  p->samples.Rewrite([&](size_t, std::vector<uint32_t>* locs) {
    bool focused = false;
    for (uint32_t l : *locs) {
      if (focus_or_ignore[l] == 2) return false;  // ignored
      if (focus_or_ignore[l] == 1) focused = true;
    }
    if (!focused) return false;
    if (any_hidden) {
      std::erase_if(*locs, [&](uint32_t l) { return hidden[l]; });
      if (locs->empty()) return false;
    }
    return true;
  });
  return m;
}

}  // namespace pprof
