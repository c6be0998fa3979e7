// Codebook change diffs (see codebook_diff.hpp).
#include "analysis/codebook/codebook_diff.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

namespace lyssna::analysis {
namespace {

int theme_index(const Codebook& c, const std::string& id) {
  for (size_t i = 0; i < c.themes.size(); ++i) {
    if (c.themes[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

// The record ids of `assignment` carrying any theme of `themes`, in record order.
std::vector<std::string> records_with(const ThemeAssignment& assignment,
                                      const std::set<size_t>& themes) {
  std::vector<std::string> out;
  if (themes.empty()) return out;
  for (const auto& row : assignment.rows) {
    for (auto t : row.themes) {
      if (themes.count(t)) {
        out.push_back(row.record_id);
        break;
      }
    }
  }
  return out;
}

// a - b over sorted lists.
std::vector<std::string> minus(const std::vector<std::string>& a,
                               const std::vector<std::string>& b) {
  std::vector<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

}  // namespace

CodebookDiff diff_assignments(const Codebook& before, const ThemeAssignment& old_assignment,
                              const Codebook& after, const ThemeAssignment& new_assignment) {
  CodebookDiff diff;
  // Old themes gone from the changed codebook, by what took their place.
  std::map<std::string, std::set<size_t>> renamed_into;  // a new theme that did not exist
  std::vector<std::pair<size_t, std::string>> dropped;   // old index, merged into ("" deleted)
  for (size_t o = 0; o < before.themes.size(); ++o) {
    const std::string& id = before.themes[o].id;
    if (after.find(id)) continue;
    const std::string successor = after.resolve(id);
    if (!successor.empty() && !before.find(successor)) {
      renamed_into[successor].insert(o);
    } else {
      dropped.emplace_back(o, successor);
    }
  }
  std::set<std::string> gaining, losing;
  auto add = [&](ThemeChange change) {
    if (change.gained.empty() && change.lost.empty() && change.kind == ThemeChange::Kind::kept)
      return;
    diff.gained += static_cast<int64_t>(change.gained.size());
    diff.lost += static_cast<int64_t>(change.lost.size());
    gaining.insert(change.gained.begin(), change.gained.end());
    losing.insert(change.lost.begin(), change.lost.end());
    diff.themes.push_back(std::move(change));
  };
  for (size_t n = 0; n < after.themes.size(); ++n) {
    ThemeChange change;
    change.theme = after.themes[n].id;
    std::set<size_t> sources;
    if (int o = theme_index(before, change.theme); o >= 0) {
      sources.insert(static_cast<size_t>(o));
    } else if (auto it = renamed_into.find(change.theme); it != renamed_into.end()) {
      sources = it->second;
      change.kind = ThemeChange::Kind::renamed;
      for (auto o : sources) change.was += (change.was.empty() ? "" : ", ") + before.themes[o].id;
    } else {
      change.kind = ThemeChange::Kind::created;
    }
    const auto was = records_with(old_assignment, sources);
    const auto now = records_with(new_assignment, {n});
    change.gained = minus(now, was);
    change.lost = minus(was, now);
    add(std::move(change));
  }
  for (const auto& [o, into] : dropped) {
    ThemeChange change;
    change.kind = ThemeChange::Kind::dropped;
    change.theme = before.themes[o].id;
    change.into = into;
    change.lost = records_with(old_assignment, {o});
    add(std::move(change));
  }
  diff.responses_gaining = static_cast<int64_t>(gaining.size());
  diff.responses_losing = static_cast<int64_t>(losing.size());
  return diff;
}

}  // namespace lyssna::analysis
