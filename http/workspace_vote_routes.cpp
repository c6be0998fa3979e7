// Dot voting on the facilitator's side: putting up a vote's candidates and
// the live result on the screen of the room. Facilitators reach only their
// own sessions (app::session_of: another's is 404), admins all. Routes:
//   GET  /workspace/dialogues/<id>/votes       the session's votes and the
//        form of a new one: candidates proposed from what the session heard
//        (ticked), the codebook's other themes, the room's own candidates
//        (a label each), dots per ballot; own_dialogues
//   POST /workspace/dialogues/<id>/votes       candidate (repeated), custom_1..3,
//        dots_per_ballot, open=1: 303 to the new vote's result, or the
//        form again with its problems linked to their fields (422)
//   GET  /workspace/dialogues/<id>/votes/<vote>            the live result
//   GET  /workspace/dialogues/<id>/votes/<vote>/tally.json the same as JSON
//        (vote_view.hpp: tally_document), polled by the page's script
//   POST /workspace/dialogues/<id>/votes/<vote>/state      open=1|0: 303 to
//        the result (one open vote per session: opening closes the other)
#include <set>

#include "app/coding.hpp"
#include "app/dialogues.hpp"
#include "app/surveys.hpp"
#include "app/vote_candidates.hpp"
#include "assets/assets.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "http/vote_view.hpp"
#include "http/workspace_guard.hpp"
#include "http/workspace_view.hpp"
#include "render/template_engine.hpp"
#include "util/errors.hpp"
#include "util/random.hpp"
#include "util/text.hpp"

namespace lyssna::http {
namespace vote_pages {

using nlohmann::json;

inline const std::string id_pattern = "([A-Za-z0-9._:-]{1,128})";
constexpr int custom_rows = 3;
constexpr size_t max_custom_label = 80;

std::string static_url(const std::string& name) {
  return "/static/" + assets::require("web/static/" + name).hash + "/" + name;
}

std::string votes_path(const std::string& session) {
  return "/workspace/dialogues/" + session + "/votes";
}

// The vote, NotFound unless it belongs to this session (which the caller may see).
app::Vote vote_in(WorkspaceRoutes& r, const app::DialogueSession& s, const std::string& vote_id) {
  app::Vote v = app::vote_of(r.app(), vote_id);
  if (v.line.session != s.id()) throw NotFound("no vote '" + vote_id + "' in this session", "vote");
  return v;
}

std::vector<LabelledTally> labelled(WorkspaceRoutes& r, const app::DialogueSession& s,
                                    const app::Vote& v, const std::string& lang) {
  std::vector<LabelledTally> out;
  for (const auto& t : v.tally)
    out.push_back({t, app::candidate_label(r.app(), v, s.line.survey, t.candidate, lang)});
  return out;
}

// What the form was sent with, to show it again with its problems.
struct FormState {
  std::set<std::string> ticked;
  std::vector<std::string> custom = std::vector<std::string>(custom_rows);
  std::string dots = "3";
  bool open_now = true;
  bool sent = false;
  std::vector<std::pair<std::string, std::string>> problems;  // anchor, message
};

std::string anchor_of(const std::string& field) {
  if (field == "dots_per_ballot" || field == "dots") return "vote-dots";
  if (field.rfind("custom", 0) == 0 || field == "labels") return "vote-custom-1";
  if (field == "session") return "";
  return "vote-candidates";
}

void send_setup(WorkspaceRoutes& r, WorkspaceRequest& w, int status, const std::string& session_id,
                const FormState& state) {
  const std::string& lang = w.lang();
  const app::Access access = w.session.access();
  auto& services = r.app();
  const app::DialogueSession s = app::session_of(services, access, session_id);
  const auto q = app::require_survey(services, s.line.survey);
  const auto codebook = app::codebook_of(services, s.line.survey);
  const std::string path = votes_path(s.id());
  json v = workspace_view(lang, ws_text(lang, "ws.vote.setup_title"), &w.session, path);
  v["heading"] = ws_text(lang, "ws.vote.setup_heading", {{"place", s.line.place}});
  v["session_href"] = "/workspace/dialogues/" + s.id();
  v["action"] = path;
  v["session_open"] = s.is_open();
  v["session_status"] = ws_text(lang, "ws.vote.session_" + s.line.status);

  json votes = json::array();
  for (const auto& vote : app::votes_of_session(services, s.id())) {
    int64_t dots = 0;
    for (const auto& t : vote.tally) dots += t.dots;
    votes.push_back({{"href", path + "/" + vote.line.id},
                     {"open", vote.is_open},
                     {"text", ws_text(lang, "ws.vote.list_item",
                                      {{"candidates", std::to_string(vote.line.candidates.size())},
                                       {"ballots", std::to_string(vote.ballots)},
                                       {"dots", std::to_string(dots)}})}});
  }
  v["votes"] = votes;
  v["has_votes"] = !votes.empty();

  // Proposed: what the session heard, ticked unless the form came back unticked.
  std::set<std::string> proposed_ids;
  json proposed = json::array();
  for (const auto& c : app::propose_candidates(services, access, s.id())) {
    proposed_ids.insert(c.theme);
    std::string why;
    if (c.mentions > 0) why = ws_text(lang, "ws.vote.heard", {{"n", std::to_string(c.mentions)}});
    if (c.problems > 0) {
      why += (why.empty() ? "" : ", ") +
             ws_text(lang, "ws.vote.big_problem", {{"n", std::to_string(c.problems)}});
    }
    proposed.push_back({{"id", c.theme},
                        {"label", codebook.label(c.theme, lang)},
                        {"why", why},
                        {"checked", state.sent ? state.ticked.count(c.theme) > 0 : true}});
  }
  json others = json::array();
  for (const auto& t : codebook.themes) {
    if (proposed_ids.count(t.id)) continue;
    others.push_back({{"id", t.id},
                      {"label", codebook.label(t.id, lang)},
                      {"checked", state.ticked.count(t.id) > 0}});
  }
  v["proposed"] = proposed;
  v["has_proposed"] = !proposed.empty();
  v["others"] = others;
  json custom = json::array();
  for (int i = 0; i < custom_rows; ++i) {
    custom.push_back({{"n", i + 1}, {"value", state.custom[static_cast<size_t>(i)]}});
  }
  v["custom"] = custom;
  v["custom_lang"] = language_name(s.line.languages.empty() ? "sv" : s.line.languages.front());
  v["dots"] = state.dots;
  v["max_dots"] = interchange::max_dots_per_ballot;
  v["open_now"] = state.open_now;
  if (!state.problems.empty()) {
    json items = json::array();
    for (const auto& [anchor, message] : state.problems) {
      json item = {{"message", message}};
      if (!anchor.empty()) item["anchor"] = anchor;
      items.push_back(item);
    }
    v["problems"] = {{"title", ws_text(lang, "ws.vote.error_title")}, {"items", items}};
    for (const auto& problem : state.problems) {
      if (problem.first == "vote-dots") v["error_dots"] = true;
      if (problem.first == "vote-custom-1") v["error_custom"] = true;
      if (problem.first == "vote-candidates") v["error_candidates"] = true;
    }
  }
  send_html(w.res, status, render::get_template("ws_votes").render(v), Audience::workspace);
}

void show_setup(WorkspaceRoutes& r, WorkspaceRequest& w) {
  send_setup(r, w, 200, w.req.matches[1], FormState{});
}

void create(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string session_id = w.req.matches[1];
  const std::string& lang = w.lang();
  const app::Access access = w.session.access();
  const app::DialogueSession s = app::session_of(r.app(), access, session_id);
  FormState state;
  state.sent = true;
  state.open_now = w.field("open") == "1";
  app::VoteInput in;
  in.session = s.id();
  auto [from, to] = w.fields.equal_range("candidate");
  for (auto it = from; it != to; ++it) {
    if (it->second.size() > 64) throw Invalid("a candidate is a theme id", "candidates");
    if (state.ticked.insert(it->second).second) in.candidates.push_back(it->second);
  }
  const std::string own_lang = s.line.languages.empty() ? "sv" : s.line.languages.front();
  for (int i = 0; i < custom_rows; ++i) {
    const std::string field = "custom_" + std::to_string(i + 1);
    std::string label = text::trim(w.field(field));
    state.custom[static_cast<size_t>(i)] = label.substr(0, 200);
    if (label.empty()) continue;
    if (label.size() > max_custom_label || !text::is_valid_utf8(label) ||
        text::has_control_characters(label)) {
      state.problems.emplace_back("vote-custom-1", ws_text(lang, "ws.vote.error_custom"));
      continue;
    }
    std::string slug = custom_slug(label);
    if (slug.empty()) slug = "c" + random::uuid_v4().substr(0, 8);
    std::string id = "custom:" + slug;
    if (in.labels.count(id)) id += "-" + random::uuid_v4().substr(0, 4);
    in.candidates.push_back(id);
    in.labels[id][own_lang] = label;
  }
  state.dots = w.field("dots_per_ballot").substr(0, 16);
  const std::string& d = state.dots;
  if (d.empty() || d.size() > 2 || d.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(d) < 1 || std::stoi(d) > interchange::max_dots_per_ballot) {
    state.problems.emplace_back(
        "vote-dots", ws_text(lang, "ws.vote.error_dots",
                             {{"max", std::to_string(interchange::max_dots_per_ballot)}}));
  } else {
    in.dots_per_ballot = std::stoi(d);
  }
  if (in.candidates.size() < 2)
    state.problems.emplace_back("vote-candidates", ws_text(lang, "ws.vote.error_few"));
  else if (in.candidates.size() > interchange::max_candidates)
    state.problems.emplace_back("vote-candidates",
                                ws_text(lang, "ws.vote.error_many",
                                        {{"max", std::to_string(interchange::max_candidates)}}));
  if (!state.problems.empty()) return send_setup(r, w, 422, session_id, state);
  app::Vote vote;
  try {
    vote = app::create_vote(r.app(), access, in);
    if (state.open_now) app::set_vote_open(r.app(), access, vote.line.id, true);
  } catch (const Invalid& e) {
    // The application's own words (a rule of the contract), linked to its field.
    state.problems.emplace_back(anchor_of(e.field()), e.what());
    return send_setup(r, w, 422, session_id, state);
  }
  send_redirect(w.res, votes_path(s.id()) + "/" + vote.line.id, Audience::workspace);
}

void show_result(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string& lang = w.lang();
  const app::DialogueSession s = app::session_of(r.app(), w.session.access(), w.req.matches[1]);
  const app::Vote vote = vote_in(r, s, w.req.matches[2]);
  const auto rows = labelled(r, s, vote, lang);
  const std::string path = votes_path(s.id()) + "/" + vote.line.id;
  json v = workspace_view(lang, ws_text(lang, "ws.vote.result_title"), &w.session, path);
  v["heading"] = ws_text(lang, "ws.vote.result_heading", {{"place", s.line.place}});
  v["chart"] = vote_chart(rows, vote.ballots);
  v["chart_label"] = ws_text(lang, "ws.vote.chart_label");
  v["counts"] = ws_text(
      lang, "ws.vote.counts",
      {{"ballots", std::to_string(vote.ballots)}, {"dots", v["chart"]["total_dots"].dump()}});
  v["open"] = vote.is_open;
  v["status"] = ws_text(lang, vote.is_open ? "ws.vote.open" : "ws.vote.closed");
  v["state_action"] = path + "/state";
  v["tally_href"] = path + "/tally.json";
  v["reload_href"] = path;
  v["votes_href"] = votes_path(s.id());
  v["session_href"] = "/workspace/dialogues/" + s.id();
  v["dots_per_ballot"] =
      ws_text(lang, "ws.vote.dots_each", {{"n", std::to_string(vote.line.dots_per_ballot)}});
  if (s.join_code) {
    const std::string host = w.req.get_header_value("Host");
    v["join"] = {{"address", host + "/d/" + *s.join_code + "/vote"},
                 {"href", "/d/" + *s.join_code + "/vote"},
                 {"code", *s.join_code}};
  }
  v["kiosk_href"] = "/kiosk/" + s.id() + "/vote";
  v["counts_template"] =
      ws_text(lang, "ws.vote.counts", {{"ballots", "{ballots}"}, {"dots", "{dots}"}});
  v["script"] = static_url("ws-vote.js");
  send_html(w.res, 200, render::get_template("ws_vote_result").render(v), Audience::workspace);
}

void send_tally(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const app::DialogueSession s = app::session_of(r.app(), w.session.access(), w.req.matches[1]);
  const app::Vote vote = vote_in(r, s, w.req.matches[2]);
  send_json(w.res, 200, tally_document(vote, labelled(r, s, vote, w.lang())));
}

void change_state(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const app::Access access = w.session.access();
  const app::DialogueSession s = app::session_of(r.app(), access, w.req.matches[1]);
  const app::Vote vote = vote_in(r, s, w.req.matches[2]);
  const std::string open = w.field("open");
  if (open != "0" && open != "1") throw BadInput("field 'open' must be 0 or 1", "open");
  app::set_vote_open(r.app(), access, vote.line.id, open == "1");
  send_redirect(w.res, votes_path(s.id()) + "/" + vote.line.id, Audience::workspace);
}

}  // namespace vote_pages

void register_workspace_vote_routes(WorkspaceRoutes& routes) {
  using vote_pages::id_pattern;
  WorkspaceRoutes* r = &routes;
  const std::string base = "/workspace/dialogues/" + id_pattern + "/votes";
  const auto need = app::Permission::own_dialogues;
  routes.page(base, need, [r](WorkspaceRequest& w) { vote_pages::show_setup(*r, w); });
  routes.action(base, need, [r](WorkspaceRequest& w) { vote_pages::create(*r, w); });
  routes.page(base + "/" + id_pattern, need,
              [r](WorkspaceRequest& w) { vote_pages::show_result(*r, w); });
  routes.page(base + "/" + id_pattern + "/tally\\.json", need,
              [r](WorkspaceRequest& w) { vote_pages::send_tally(*r, w); });
  routes.action(base + "/" + id_pattern + "/state", need,
                [r](WorkspaceRequest& w) { vote_pages::change_state(*r, w); });
}

}  // namespace lyssna::http
