// The note taker's page of a dialogue session (own_dialogues: the
// facilitator who owns the session, or an admin; another's session is 404).
// Routes (under /workspace/dialogues/<session id>):
//   GET  .../notes[?speaker=LL&stop=NAME&saved=ID]   the form (the text
//        focused) and the session's notes, newest first with their themes
//        (grouped by stop for a walk); `speaker` and `stop` keep the last
//        note's language and stop
//   POST .../notes   note (the page's random id: a retried save is one
//        note), text, place, speaker, age_group, gender, stop, new_stop,
//        theme (each accepted suggestion): 303 back to the page; 422 with
//        the problem linked to its field and the form as typed; 409 when
//        the session is not open
//   POST .../notes/themes   note, theme: codes the note with a suggested
//        theme (the list's buttons); 303 back at the note
//   GET  .../notes/suggest?text=&speaker=LL[&place=]   JSON (docs/api.md):
//        {"suggestions": [{"theme", "label", "terms"}]}, best first, at most
//        five; 422 {"error": {...}} for a text too long or another language.
//        The speaker's language is `speaker`, as `lang` chooses the page's
//        own language on every workspace page.
#include <algorithm>
#include <memory>

#include "app/coding.hpp"
#include "app/dialogue_notes.hpp"
#include "app/dialogues.hpp"
#include "app/surveys.hpp"
#include "app/theme_suggestions.hpp"
#include "assets/assets.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/snippet_view.hpp"
#include "http/workspace_guard.hpp"
#include "http/workspace_survey_forms.hpp"
#include "http/workspace_view.hpp"
#include "render/template_engine.hpp"
#include "util/errors.hpp"
#include "util/random.hpp"
#include "util/text.hpp"

namespace lyssna::http {
namespace notes_pages {
namespace {

using nlohmann::json;

constexpr const char* session_pattern = "/workspace/dialogues/([^/]{1,128})";
constexpr size_t max_draft_bytes = 8000;  // a suggestion's text, before the note's own limit

std::string notes_path(const std::string& session) {
  return "/workspace/dialogues/" + url_encode(session) + "/notes";
}

// What the form holds: empty for a new note, as typed after a refusal.
struct NoteForm {
  std::string note_id;
  std::string text, place, speaker, age_group, gender, stop, new_stop;
  std::vector<std::string> themes;              // accepted suggestions
  std::vector<survey_forms::Problem> problems;  // the problems box's, shared
  std::string error_field;                      // the field the problem is about
};

// A field's anchor on the page and the catalog key of its problem.
std::pair<std::string, std::string> field_anchor(const std::string& field) {
  if (field == "text" || field == "answers.free_text") return {"note-text", "ws.notes.error_text"};
  if (field == "place" || field == "answers.free_place")
    return {"note-place", "ws.notes.error_place"};
  if (field == "stop") return {"note-new-stop", "ws.notes.error_stop"};
  if (field == "lang") return {"note-speaker", "ws.notes.error_speaker"};
  if (field == "answers.age_group") return {"note-age", "ws.notes.error_choice"};
  if (field == "answers.gender") return {"note-gender", "ws.notes.error_choice"};
  if (field == "themes") return {"note-text", "ws.notes.error_theme"};
  if (field == "session") return {"", "ws.notes.error_session"};
  if (field == "id") return {"note-text", "ws.notes.error_saved_already"};
  return {"note-text", "ws.notes.error_other"};
}

json option_list(const questionnaire::Questionnaire& q, const char* question,
                 const std::string& lang, const std::string& chosen) {
  json out = json::array();
  const auto* qq = q.find_question(question);
  if (!qq) return out;
  for (const auto& o : qq->options) {
    out.push_back({{"value", o.id},
                   {"label", questionnaire::localized(o.label, lang, q.default_language())},
                   {"selected", o.id == chosen}});
  }
  return out;
}

std::string option_label(const questionnaire::Questionnaire& q, const char* question,
                         const std::string& id, const std::string& lang) {
  const auto* qq = q.find_question(question);
  const auto* o = qq ? qq->find_option(id) : nullptr;
  if (!o) return id;
  const std::string label = questionnaire::localized(o->label, lang, q.default_language());
  return label.empty() ? id : label;
}

class NotesPages {
 public:
  explicit NotesPages(WorkspaceRoutes& routes) : r_(routes) {}

  void show(WorkspaceRequest& w) {
    NoteForm form;
    form.speaker = w.req.get_param_value("speaker");
    form.stop = w.req.get_param_value("stop");
    send_page(w, 200, form);
  }

  void save(WorkspaceRequest& w) {
    const std::string session_id = w.req.matches[1];
    NoteForm form;
    form.note_id = w.field("note");
    form.text = w.field("text");
    form.place = w.field("place");
    form.speaker = w.field("speaker");
    form.age_group = w.field("age_group");
    form.gender = w.field("gender");
    form.stop = w.field("stop");
    form.new_stop = w.field("new_stop");
    auto [a, b] = w.fields.equal_range("theme");
    for (auto it = a; it != b; ++it)
      if (!it->second.empty()) form.themes.push_back(it->second);
    app::DialogueSession s = app::session_of(r_.app(), w.session.access(), session_id);
    app::NoteInput in;
    in.id = form.note_id;
    in.text = form.text;
    in.lang = form.speaker;
    if (!text::trim(form.place).empty()) in.place = form.place;
    if (s.line.format == "walk") {
      const std::string stop = !text::trim(form.new_stop).empty() ? form.new_stop : form.stop;
      if (!text::trim(stop).empty()) in.stop = stop;
    }
    if (!form.age_group.empty()) in.age_group = form.age_group;
    if (!form.gender.empty()) in.gender = form.gender;
    if (form.themes.size() > app::max_suggestions * 4)
      throw BadInput("field 'theme' is given too often", "theme");
    try {
      app::save_note(r_.app(), w.session.access(), session_id, in, form.themes);
    } catch (const Invalid& e) {
      return refuse(w, 422, form, e.field());
    } catch (const Conflict& e) {
      return refuse(w, 409, form, e.field().empty() ? "id" : e.field());
    }
    std::string to = notes_path(session_id) + "?speaker=" + url_encode(form.speaker);
    if (in.stop) to += "&stop=" + url_encode(text::trim(*in.stop));
    send_redirect(w.res, to, Audience::workspace);
  }

  void accept(WorkspaceRequest& w) {
    const std::string session_id = w.req.matches[1];
    const std::string note = w.field("note");
    const std::string theme = w.field("theme");
    app::accept_note_themes(r_.app(), w.session.access(), session_id, note, {theme});
    std::string to = notes_path(session_id);
    const std::string speaker = w.field("speaker"), stop = w.field("stop");
    to += "?speaker=" + url_encode(speaker);
    if (!stop.empty()) to += "&stop=" + url_encode(stop);
    send_redirect(w.res, to + "#note-" + url_encode(note), Audience::workspace);
  }

  void suggest(WorkspaceRequest& w) {
    const std::string session_id = w.req.matches[1];
    const app::DialogueSession s = app::session_of(r_.app(), w.session.access(), session_id);
    const std::string text = w.req.get_param_value("text");
    const std::string place = w.req.get_param_value("place");
    if (text.size() > max_draft_bytes || place.size() > max_draft_bytes) {
      return send_json(w.res, 422,
                       {{"error",
                         {{"status", 422},
                          {"field", "text"},
                          {"message", "a note is at most " + std::to_string(app::max_note_length) +
                                          " bytes of text"}}}});
    }
    std::string speaker = w.req.get_param_value("speaker");
    if (speaker.empty()) speaker = s.line.languages.front();
    std::vector<app::ThemeSuggestion> found;
    try {
      found = suggester_.suggest(
          r_.app(), s.line.survey,
          {text, speaker, place.empty() ? std::nullopt : std::optional<std::string>(place)});
    } catch (const Invalid& e) {
      return send_json(
          w.res, 422,
          {{"error", {{"status", 422}, {"field", e.field()}, {"message", std::string(e.what())}}}});
    }
    const auto codebook = app::codebook_of(r_.app(), s.line.survey);
    json list = json::array();
    for (const auto& f : found) {
      list.push_back(
          {{"theme", f.theme}, {"label", codebook.label(f.theme, w.lang())}, {"terms", f.terms}});
    }
    send_json(w.res, 200, {{"suggestions", list}});
  }

 private:
  void refuse(WorkspaceRequest& w, int status, NoteForm& form, const std::string& field) {
    const auto [anchor, key] = field_anchor(field);
    form.error_field = anchor;
    // The page's note id was taken by an earlier save of other words (its
    // answer lost, the text edited since): the next save is a new note.
    if (field == "id") form.note_id.clear();
    std::string message = ws_text(w.lang(), key);
    if (field == "session") {
      form.problems.push_back({"", message});
    } else {
      form.problems.push_back({anchor, message});
    }
    send_page(w, status, form);
  }

  void send_page(WorkspaceRequest& w, int status, const NoteForm& form) {
    const std::string& lang = w.lang();
    const std::string session_id = w.req.matches[1];
    const app::DialogueSession s = app::session_of(r_.app(), w.session.access(), session_id);
    const auto q = app::require_survey(r_.app(), s.line.survey);
    const auto codebook = app::codebook_of(r_.app(), s.line.survey);
    const std::string path = notes_path(session_id);
    json v = workspace_view(lang, ws_text(lang, "ws.notes.title", {{"place", s.line.place}}),
                            &w.session, path);
    const bool walk = s.line.format == "walk";
    v["session"] = {{"id", s.id()},
                    {"place", s.line.place},
                    {"held_on", s.line.held_on},
                    {"href", "/workspace/dialogues/" + url_encode(s.id())},
                    {"summary_href", "/workspace/dialogues/" + url_encode(s.id()) + "/summary"},
                    {"survey", questionnaire::localized(q->title, lang, q->default_language())},
                    {"is_open", s.is_open()},
                    {"status_text", ws_text(lang, "ws.notes.status_" + s.line.status,
                                            {{"href", "/workspace/dialogues"}})}};
    v["notes_js"] = "/static/" + assets::require("web/static/notes.js").hash + "/notes.js";
    v["action"] = path;
    v["suggest_href"] = path + "/suggest";

    // The speaker's language: the session's first, then the questionnaire's others.
    std::vector<std::string> languages = s.line.languages;
    for (const auto& l : q->languages)
      if (std::find(languages.begin(), languages.end(), l) == languages.end())
        languages.push_back(l);
    std::string speaker = form.speaker;
    if (std::find(languages.begin(), languages.end(), speaker) == languages.end())
      speaker = s.line.languages.front();
    json speakers = json::array();
    for (const auto& l : languages)
      speakers.push_back({{"value", l}, {"label", language_name(l)}, {"selected", l == speaker}});

    json accepted = json::array();
    for (const auto& t : form.themes) {
      const std::string id = codebook.resolve(t);
      if (!id.empty()) accepted.push_back({{"theme", id}, {"label", codebook.label(id, lang)}});
    }
    json f = {{"note_id", form.note_id.empty() ? random::uuid_v4() : form.note_id},
              {"text", form.text},
              {"place", form.place},
              {"speakers", speakers},
              {"ages", option_list(*q, "age_group", lang, form.age_group)},
              {"genders", option_list(*q, "gender", lang, form.gender)},
              {"accepted", accepted},
              {"walk", walk}};
    for (const char* field :
         {"note-text", "note-place", "note-speaker", "note-age", "note-gender", "note-new-stop"}) {
      std::string key = field;
      std::replace(key.begin(), key.end(), '-', '_');
      f[key + "_error"] = form.error_field == field;
    }
    f["has_ages"] = !f["ages"].empty();
    f["has_genders"] = !f["genders"].empty();

    const auto stops = app::stops_of(r_.app(), session_id);
    if (walk) {
      json list = json::array();
      for (const auto& stop : stops)
        list.push_back({{"name", stop.name}, {"selected", stop.name == form.stop}});
      f["stops"] = list;
      f["has_stops"] = !list.empty();
      f["new_stop"] = form.new_stop;
    }
    v["form"] = f;

    // The notes, newest first; a walk's grouped by stop in the walk's order.
    const auto notes = app::session_notes(r_.app(), suggester_, w.session.access(), session_id);
    auto note_view = [&](const app::SessionNote& n) {
      json accepted = json::array(), suggested = json::array();
      for (const auto& t : n.accepted) accepted.push_back({{"label", codebook.label(t, lang)}});
      for (const auto& t : n.suggested)
        suggested.push_back({{"theme", t}, {"label", codebook.label(t, lang)}});
      json details = json::array();
      details.push_back(language_name(n.lang));
      if (n.place && (!n.stop || *n.place != *n.stop)) details.push_back(*n.place);
      if (n.age_group) details.push_back(option_label(*q, "age_group", *n.age_group, lang));
      if (n.gender) details.push_back(option_label(*q, "gender", *n.gender, lang));
      return json{{"id", n.id},
                  {"anchor", "note-" + n.id},
                  {"text", n.text},
                  {"lang", n.lang},
                  {"time", time_view(n.submitted_epoch)},
                  {"details", details},
                  {"accepted", accepted},
                  {"has_accepted", !accepted.empty()},
                  {"suggested", suggested},
                  {"has_suggested", !suggested.empty()},
                  {"accept_action", path + "/themes"},
                  {"speaker", speaker},
                  {"stop", form.stop}};
    };
    json groups = json::array();
    if (walk) {
      // The latest stop first, as the notes are newest first.
      for (auto it = stops.rbegin(); it != stops.rend(); ++it) {
        json items = json::array();
        for (const auto& n : notes)
          if (n.stop && *n.stop == it->name) items.push_back(note_view(n));
        if (!items.empty()) groups.push_back({{"heading", it->name}, {"notes", items}});
      }
      json loose = json::array();
      for (const auto& n : notes)
        if (!n.stop) loose.push_back(note_view(n));
      if (!loose.empty())
        groups.push_back({{"heading", ws_text(lang, "ws.notes.no_stop")}, {"notes", loose}});
    } else if (!notes.empty()) {
      json items = json::array();
      for (const auto& n : notes) items.push_back(note_view(n));
      groups.push_back({{"notes", items}});
    }
    v["groups"] = groups;
    v["count_text"] = ws_text(lang, notes.size() == 1 ? "ws.notes.count_one" : "ws.notes.count",
                              {{"count", std::to_string(notes.size())}});
    v["has_notes"] = !notes.empty();
    if (!form.problems.empty())
      v["problems"] =
          survey_forms::problems_view(ws_text(lang, "ws.notes.error_title"), form.problems);
    send_html(w.res, status, render::get_template("ws_notes").render(v), Audience::workspace);
  }

  WorkspaceRoutes& r_;
  app::ThemeSuggester suggester_;
};

}  // namespace
}  // namespace notes_pages

void register_workspace_notes_routes(WorkspaceRoutes& routes) {
  // Lives as long as the server's routes: the compiled codebooks are kept in it.
  auto pages = std::make_shared<notes_pages::NotesPages>(routes);
  const std::string base = std::string(notes_pages::session_pattern) + "/notes";
  routes.page(base, app::Permission::own_dialogues,
              [pages](WorkspaceRequest& w) { pages->show(w); });
  routes.action(base, app::Permission::own_dialogues,
                [pages](WorkspaceRequest& w) { pages->save(w); });
  routes.action(base + "/themes", app::Permission::own_dialogues,
                [pages](WorkspaceRequest& w) { pages->accept(w); });
  routes.page(base + "/suggest", app::Permission::own_dialogues,
              [pages](WorkspaceRequest& w) { pages->suggest(w); });
}

}  // namespace lyssna::http
