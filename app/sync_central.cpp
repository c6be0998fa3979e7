// The central server's side of sync (see sync_central.hpp).
#include "app/sync_central.hpp"

#include <map>
#include <set>

#include "app/audit.hpp"
#include "app/coding.hpp"
#include "app/dialogues_held.hpp"
#include "app/survey_bundle.hpp"
#include "collector/storage/dialogue_store.hpp"
#include "util/errors.hpp"

namespace lyssna::app {

using interchange::LineKind;
using interchange::StoredLine;
using nlohmann::json;

json sync_offer(Services& services, const std::vector<std::string>& surveys) {
  std::vector<std::string> ids = surveys;
  if (ids.empty()) {
    for (const auto& q : services.surveys().all()) ids.push_back(q->id);
  }
  json bundles = json::array();
  for (const auto& id : ids) {
    if (!services.surveys().find(id)) throw NotFound("survey '" + id + "' is not here");
    bundles.push_back(survey_bundle(services, id));
  }
  const std::set<std::string> wanted(ids.begin(), ids.end());
  json sessions = json::array();
  auto db = services.readers().acquire();
  for (const auto& s : storage::list_dialogue_sessions(*db)) {
    if (s.line.status != "closed" && wanted.count(s.line.survey))
      sessions.push_back(json::parse(interchange::session_to_jsonl(s.line)));
  }
  return {{"surveys", bundles}, {"sessions", sessions}};
}

Received receive_sync_lines(Services& services, const std::string& token_name,
                            std::string_view body) {
  if (body.size() > max_sync_batch_bytes)
    throw TooLarge("a sync batch is at most " + std::to_string(max_sync_batch_bytes >> 20) +
                   " MiB");
  // Reading and checking happen before the writer's turn, so the
  // transaction holds only the inserts.
  std::map<std::string, questionnaire::QuestionnairePtr> held;  // keeps them alive
  const interchange::SurveyLookup lookup = [&](const std::string& id) {
    auto it = held.find(id);
    if (it == held.end()) it = held.emplace(id, services.surveys().find(id)).first;
    return it->second.get();
  };
  std::vector<interchange::CheckedLine> checked;
  size_t number = 0;
  for (size_t at = 0; at < body.size();) {
    size_t end = body.find('\n', at);
    if (end == std::string_view::npos) end = body.size();
    std::string_view text = body.substr(at, end - at);
    at = end + 1;
    ++number;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (text.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (checked.size() >= max_sync_batch_lines)
      throw TooLarge("a sync batch holds at most " + std::to_string(max_sync_batch_lines) +
                     " lines");
    checked.push_back(interchange::check_line(number, text, lookup));
  }
  Received r;
  r.lines.resize(checked.size());
  const auto themes = codebook_theme_check(services);
  const int64_t now = services.now();
  services.writer().execute([&](storage::Database& db) {
    r.records = r.sessions = r.votes = interchange::LineCounts{};
    r.ballots_refused = 0;
    for (size_t i = 0; i < checked.size(); ++i) {
      const auto& c = checked[i];
      ReceivedLine& out = r.lines[i];
      out.line = c.line;
      out.kind = c.kind;
      out.result = interchange::store_line(db, c, now, themes);
      auto& counts = c.kind == LineKind::session ? r.sessions
                     : c.kind == LineKind::vote  ? r.votes
                                                 : r.records;
      switch (out.result.status) {
        case StoredLine::Status::stored:
          ++counts.taken;
          break;
        case StoredLine::Status::updated:
          ++counts.updated;
          break;
        case StoredLine::Status::duplicate:
          ++counts.duplicates;
          break;
        case StoredLine::Status::refused:
          ++counts.refused;
      }
      r.ballots_refused += static_cast<int64_t>(out.result.ballot_refusals.size());
    }
    auto part = [](const char* what, const interchange::LineCounts& n) {
      return std::string(what) + " " + std::to_string(n.taken) + "+" + std::to_string(n.updated) +
             "=" + std::to_string(n.duplicates) + "!" + std::to_string(n.refused);
    };
    // "records 500+0=0!1 sessions ... votes ...": taken + updated = duplicates ! refused.
    std::string detail = part("records", r.records) + " " + part("sessions", r.sessions) + " " +
                         part("votes", r.votes);
    if (r.ballots_refused) detail += " ballots!" + std::to_string(r.ballots_refused);
    record_audit(db, now, Actor{"sync:" + token_name}, AuditAction::sync_received, token_name,
                 detail);
    if (r.sessions.updated > 0) count_dialogues_held(db, now, Actor{"sync:" + token_name});
  });
  return r;
}

json received_json(const Received& r) {
  json lines = json::array();
  for (const auto& l : r.lines) {
    json line = {{"line", l.line},
                 {"kind", interchange::kind_name(l.kind)},
                 {"status", interchange::status_name(l.result.status)}};
    if (l.result.status == StoredLine::Status::refused) {
      line["field"] = l.result.field;
      line["reason"] = l.result.reason;
    }
    if (!l.result.ballot_refusals.empty()) {
      json ballots = json::array();
      for (const auto& [field, reason] : l.result.ballot_refusals)
        ballots.push_back({{"field", field}, {"reason", reason}});
      line["ballots"] = ballots;
    }
    lines.push_back(std::move(line));
  }
  auto counts = [](const interchange::LineCounts& n) {
    return json{{"stored", n.taken},
                {"updated", n.updated},
                {"duplicate", n.duplicates},
                {"refused", n.refused}};
  };
  return {{"lines", lines},
          {"counts",
           {{"records", counts(r.records)},
            {"sessions", counts(r.sessions)},
            {"votes", counts(r.votes)},
            {"ballots_refused", r.ballots_refused}}}};
}

}  // namespace lyssna::app
