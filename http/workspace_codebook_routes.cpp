// The codebook editor and the suggested new themes (edit_analysis: analysts
// and admins). Routes (under /workspace/surveys/<id>/themes):
//   GET  .../edit-theme[?theme=T][&done=saved|deleted]   the editor: one
//        theme's labels and terms per language (a new theme without `theme`;
//        `id`, `label_<ll>`, `terms_<ll>` prefill it, as a suggestion does)
//   POST .../edit-theme   kind=edit|merge|delete, op=preview|save, theme,
//        id, label_<ll>, terms_<ll> (one a line), into, base, previewed:
//        a preview shows what the change adds and removes (the engine's
//        tagging over the index: reports::codebook_preview); a save stores
//        the previewed codebook through app::set_codebook (audited), 409
//        when the survey's codebook changed since the preview (`base`), and
//        previews again when the fields changed since (`previewed`)
//   GET  .../suggested-themes[?done=dismissed]   reports::discover_report's
//        candidates not dismissed, with quotes; accept = the editor prefilled
//   POST .../suggested-themes/dismiss   suggestion: not proposed again (audited)
#include <algorithm>
#include <set>

#include "app/codebook_editing.hpp"
#include "app/coding.hpp"
#include "app/suggestions.hpp"
#include "app/survey_analysis.hpp"
#include "http/explorer_view.hpp"
#include "http/requests.hpp"
#include "http/responses.hpp"
#include "http/routes.hpp"
#include "http/snippet_view.hpp"
#include "http/workspace_guard.hpp"
#include "http/workspace_view.hpp"
#include "render/catalog.hpp"
#include "render/template_engine.hpp"
#include "reports/codebook_preview.hpp"
#include "reports/reports.hpp"
#include "util/errors.hpp"

namespace lyssna::http {
namespace codebook_pages {
namespace {

using nlohmann::json;

constexpr size_t max_terms_field = 20000;  // bytes of one language's terms

// What the editor's form holds (from a GET's prefill or a POST's fields).
struct EditorForm {
  std::string kind = "edit";  // edit, merge, delete
  app::ThemeDraft draft;
  std::string into;
  std::string notice;  // a catalog key
  struct Problem {
    std::string anchor, message, detail;
  };
  std::vector<Problem> problems;
  std::string problem_field;
  json preview;  // null when none is shown
  std::string base, previewed;
};

// The languages the editor offers: the survey's, Swedish and English, and any the theme has.
std::vector<std::string> editor_languages(const reports::SurveyContext& ctx,
                                          const analysis::Theme* theme) {
  std::vector<std::string> out = ctx.questionnaire.languages;
  auto add = [&](const std::string& l) {
    if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
  };
  add("sv");
  add("en");
  if (theme) {
    for (const auto& [l, _] : theme->label) add(l);
    for (const auto& [l, _] : theme->terms) add(l);
  }
  return out;
}

bool is_language_code(const std::string& l) {
  if (l.size() < 2 || l.size() > 8) return false;
  return std::all_of(l.begin(), l.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
}

std::string join_lines(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& t : list) out += (out.empty() ? "" : "\n") + t;
  return out;
}

std::string editor_path(const std::string& survey) {
  return survey_path(survey, "themes/edit-theme");
}

// The changed codebook the form describes.
analysis::Codebook next_codebook(const analysis::Codebook& current, const EditorForm& form) {
  if (form.kind == "merge") return app::with_merge(current, form.draft.original, form.into);
  if (form.kind == "delete") return app::without_theme(current, form.draft.original);
  return app::with_theme(current, form.draft);
}

std::string change_note(const EditorForm& form) {
  const auto& d = form.draft;
  if (form.kind == "merge") return "merge " + d.original + " into " + form.into;
  if (form.kind == "delete") return "delete " + d.original;
  if (d.original.empty()) return "add " + d.id;
  if (d.original != d.id) return "rename " + d.original + " to " + d.id + ", terms";
  return "terms of " + d.id;
}

json preview_view(const reports::SurveyContext& ctx, const analysis::Codebook& next,
                  const reports::CodebookPreview& p, const std::string& lang) {
  const auto& before = ctx.codebook();
  json changes = json::array();
  for (const auto& c : p.diff.themes) {
    using Kind = analysis::ThemeChange::Kind;
    const bool dropped = c.kind == Kind::dropped;
    std::string what;
    switch (c.kind) {
      case Kind::kept:
        what = ws_text(lang, "ws.codebook.change_kept");
        break;
      case Kind::created:
        what = ws_text(lang, "ws.codebook.change_created");
        break;
      case Kind::renamed:
        what = ws_text(lang, "ws.codebook.change_renamed", {{"was", c.was}});
        break;
      case Kind::dropped:
        what = c.into.empty() ? ws_text(lang, "ws.codebook.change_deleted")
                              : ws_text(lang, "ws.codebook.change_merged",
                                        {{"into", next.label(c.into, lang)}});
        break;
    }
    changes.push_back({{"label", dropped ? before.label(c.theme, lang) : next.label(c.theme, lang)},
                       {"id", c.theme},
                       {"what", what},
                       {"gained", c.gained.size()},
                       {"lost", c.lost.size()}});
  }
  auto samples = [&](const std::vector<reports::PreviewSample>& list, bool gained) {
    json out = json::array();
    for (const auto& s : list) {
      json snippets = json::array();
      for (const auto& a : s.snippets) snippets.push_back({{"parts", marked_parts(a.text)}});
      const std::string label =
          gained || next.find(s.theme) ? next.label(s.theme, lang) : before.label(s.theme, lang);
      out.push_back({{"record_id", s.record_id},
                     {"theme", label},
                     {"area", area_name(ctx.questionnaire, s.area, lang)},
                     {"lang", s.lang},
                     {"snippets", snippets}});
    }
    return out;
  };
  return {{"summary", ws_text(lang, "ws.codebook.preview_summary",
                              {{"gained", std::to_string(p.diff.responses_gaining)},
                               {"lost", std::to_string(p.diff.responses_losing)}})},
          {"changes", changes},
          {"has_changes", !changes.empty()},
          {"gained", samples(p.gained, true)},
          {"has_gained", !p.gained.empty()},
          {"lost", samples(p.lost, false)},
          {"has_lost", !p.lost.empty()}};
}

void send_editor(WorkspaceRoutes& r, WorkspaceRequest& w, const reports::SurveyContext& ctx,
                 int status, const EditorForm& form) {
  (void)r;
  const std::string& lang = w.lang();
  const auto& codebook = ctx.codebook();
  const std::string path = editor_path(ctx.survey());
  const analysis::Theme* theme =
      form.draft.original.empty() ? nullptr : codebook.find(form.draft.original);
  json v = explorer::page_view(w, ctx, path, ws_text(lang, "ws.codebook.title"));
  v["back_href"] = survey_path(ctx.survey(), "themes");
  v["action"] = path;
  json themes = json::array();
  for (const auto& t : codebook.themes) {
    themes.push_back({{"label", codebook.label(t.id, lang)},
                      {"id", t.id},
                      {"href", path + "?theme=" + t.id},
                      {"current", theme && t.id == theme->id}});
  }
  v["themes"] = themes;
  v["new_href"] = path;
  v["is_new"] = theme == nullptr;
  v["heading"] = theme ? ws_text(lang, "ws.codebook.edit_heading",
                                 {{"theme", codebook.label(theme->id, lang)}})
                       : ws_text(lang, "ws.codebook.new_heading");
  const bool edit_kind = form.kind == "edit";
  json labels = json::array(), terms = json::array();
  for (const auto& l : editor_languages(ctx, theme)) {
    auto label = form.draft.label.find(l);
    auto list = form.draft.terms.find(l);
    labels.push_back({{"lang", l},
                      {"name", language_name(l)},
                      {"field", "label_" + l},
                      {"value", label == form.draft.label.end() ? "" : label->second},
                      {"invalid", form.problem_field == "label_" + l}});
    terms.push_back({{"lang", l},
                     {"name", language_name(l)},
                     {"field", "terms_" + l},
                     {"value", list == form.draft.terms.end() ? "" : join_lines(list->second)},
                     {"invalid", form.problem_field == "terms_" + l}});
  }
  json into = json::array();
  for (const auto& t : codebook.themes) {
    if (theme && t.id == theme->id) continue;
    into.push_back(
        {{"value", t.id}, {"label", codebook.label(t.id, lang)}, {"selected", t.id == form.into}});
  }
  auto saving = [&](const std::string& kind) -> json {
    if (form.kind != kind || form.preview.is_null()) return nullptr;
    return {{"base", form.base}, {"previewed", form.previewed}};
  };
  v["form"] = {{"original", form.draft.original},
               {"id", form.draft.id},
               {"id_invalid", form.problem_field == "id"},
               {"labels", labels},
               {"terms", terms},
               {"into", into},
               {"has_into", !into.empty()},
               {"save_edit", saving("edit")},
               {"save_merge", saving("merge")},
               {"save_delete", saving("delete")}};
  (void)edit_kind;
  if (!form.preview.is_null()) v["preview"] = form.preview;
  if (!form.notice.empty()) v["notice"] = ws_text(lang, form.notice);
  if (!form.problems.empty()) {
    json items = json::array();
    for (const auto& p : form.problems) {
      json item = {{"message", p.detail.empty() ? p.message : p.message + " " + p.detail}};
      if (!p.anchor.empty()) item["anchor"] = p.anchor;
      items.push_back(item);
    }
    v["problems"] = {{"title", ws_text(lang, "ws.codebook.error_title")}, {"items", items}};
  }
  send_html(w.res, status, render::get_template("ws_explorer_codebook").render(v),
            Audience::workspace);
}

// The form's theme from the codebook (editing it), or from a prefill.
EditorForm form_of_theme(const analysis::Theme& t) {
  EditorForm form;
  form.draft.original = t.id;
  form.draft.id = t.id;
  form.draft.label = t.label;
  form.draft.terms = t.terms;
  return form;
}

void show_editor(WorkspaceRoutes& r, WorkspaceRequest& w) {
  app::SurveyAnalysis survey(r.app(), w.req.matches[1]);
  const auto& ctx = survey.context();
  EditorForm form;
  const std::string theme = w.req.get_param_value("theme");
  if (!theme.empty()) {
    const auto* t = ctx.codebook().find(ctx.codebook().resolve(theme));
    if (!t) throw NotFound("the codebook has no theme '" + theme + "'", "theme");
    form = form_of_theme(*t);
  } else {
    // A new theme, perhaps prefilled (an accepted suggestion).
    form.draft.id = w.req.get_param_value("id").substr(0, 64);
    for (const auto& l : editor_languages(ctx, nullptr)) {
      const std::string label = w.req.get_param_value(("label_" + l).c_str());
      if (!label.empty()) form.draft.label[l] = label.substr(0, app::max_label_bytes);
    }
    for (const auto& [name, value] : w.req.params) {
      if (name.rfind("terms_", 0) != 0 || !is_language_code(name.substr(6))) continue;
      if (value.size() > max_terms_field) continue;
      form.draft.terms[name.substr(6)] = app::terms_from_lines(value);
    }
  }
  const std::string done = w.req.get_param_value("done");
  if (done == "saved" || done == "deleted") form.notice = "ws.codebook.done_" + done;
  send_editor(r, w, ctx, 200, form);
}

EditorForm form_of_post(WorkspaceRequest& w, const reports::SurveyContext& ctx) {
  EditorForm form;
  form.kind = w.field("kind");
  if (form.kind != "edit" && form.kind != "merge" && form.kind != "delete")
    throw Invalid("field 'kind' must be edit, merge or delete", "kind");
  form.draft.original = w.field("theme");
  if (form.kind != "edit" && form.draft.original.empty())
    throw Invalid("field 'theme' must name a theme", "theme");
  const analysis::Theme* theme =
      form.draft.original.empty() ? nullptr : ctx.codebook().find(form.draft.original);
  if (!form.draft.original.empty() && !theme) {
    throw NotFound("the codebook has no theme '" + form.draft.original + "'", "theme");
  }
  if (form.kind == "edit") {
    form.draft.id = w.field("id");
    for (const auto& l : editor_languages(ctx, theme)) {
      form.draft.label[l] = w.field("label_" + l);
      const std::string terms = w.field("terms_" + l);
      if (terms.size() > max_terms_field)
        throw Invalid("at most " + std::to_string(max_terms_field) + " bytes of terms",
                      "terms_" + l);
      form.draft.terms[l] = app::terms_from_lines(terms);
    }
    // A theme's problem items are not the editor's: with_theme keeps them.
  } else if (theme) {
    // Merging or deleting: the theme's own fields as stored, for the form shown again.
    const std::string kind = form.kind;
    form = form_of_theme(*theme);
    form.kind = kind;
    form.into = w.field("into");
  }
  form.base = w.field("base");
  form.previewed = w.field("previewed");
  return form;
}

std::string field_anchor(const std::string& field) {
  if (field == "id") return "theme-id";
  if (field.rfind("label_", 0) == 0 || field.rfind("terms_", 0) == 0) return "theme-" + field;
  if (field == "into") return "merge-into";
  return "";
}

void post_editor(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string& lang = w.lang();
  app::SurveyAnalysis survey(r.app(), w.req.matches[1]);
  const auto& ctx = survey.context();
  EditorForm form = form_of_post(w, ctx);
  const std::string op = w.field("op");
  analysis::Codebook next;
  try {
    next = next_codebook(ctx.codebook(), form);
  } catch (const Invalid& e) {
    form.problem_field = e.field();
    form.problems.push_back(
        {field_anchor(e.field()), ws_text(lang, "ws.codebook.error_invalid"), e.what()});
    return send_editor(r, w, ctx, 422, form);
  }
  const std::string current = app::codebook_fingerprint(ctx.codebook());
  const std::string proposed = app::codebook_fingerprint(next);
  if (op == "save" && !form.base.empty() && form.previewed == proposed) {
    try {
      app::set_codebook(r.app(), app::Actor::of(w.session.access()), ctx.survey(), next, form.base,
                        change_note(form));
    } catch (const Conflict&) {
      form.problems.push_back({"", ws_text(lang, "ws.codebook.error_stale"), ""});
      form.preview = nullptr;
      return send_editor(r, w, ctx, 409, form);
    }
    const std::string to =
        form.kind == "delete"
            ? editor_path(ctx.survey()) + "?done=deleted"
            : editor_path(ctx.survey()) +
                  "?theme=" + (form.kind == "merge" ? form.into : form.draft.id) + "&done=saved";
    return send_redirect(w.res, to, Audience::workspace);
  }
  if (op == "save") form.notice = "ws.codebook.preview_again";
  const auto preview = reports::codebook_preview(ctx, next);
  form.preview = preview_view(ctx, next, preview, lang);
  form.base = current;
  form.previewed = proposed;
  send_editor(r, w, ctx, 200, form);
}

// A theme id made from a suggestion's key: a-z, 0-9 and '_'.
std::string id_from_key(const std::string& key) {
  std::string out;
  for (char c : key) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
    if (out.size() >= 60) break;
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "new_theme" : out;
}

void show_suggestions(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string& lang = w.lang();
  app::SurveyAnalysis survey(r.app(), w.req.matches[1]);
  const auto& ctx = survey.context();
  const std::string path = survey_path(ctx.survey(), "themes/suggested-themes");
  json v = explorer::page_view(w, ctx, path, ws_text(lang, "ws.suggest.title"));
  const auto report = reports::discover_report(ctx, {});
  const auto open =
      app::open_suggestions(report.candidates, app::dismissed_suggestions(r.app(), ctx.survey()));
  json list = json::array();
  size_t n = 0;
  for (const auto& c : open) {
    const std::string key = app::suggestion_key(c);
    std::string accept = editor_path(ctx.survey()) + "?id=" + url_encode(id_from_key(key)) +
                         "&label_" + ctx.questionnaire.default_language() + "=" + url_encode(key);
    json terms = json::array();
    for (const auto& [l, words] : c.terms_by_language) {
      std::string shown;
      for (const auto& t : words) shown += (shown.empty() ? "" : ", ") + t;
      terms.push_back({{"lang", l}, {"name", language_name(l)}, {"words", shown}});
      accept += "&terms_" + l + "=" + url_encode(join_lines(words));
    }
    json quotes = json::array();
    for (const auto& q : c.quotes) quotes.push_back({{"text", q.text}, {"lang", q.lang}});
    ++n;
    list.push_back(
        {{"key", key},
         {"heading_id", "suggestion-" + std::to_string(n)},
         {"title", ws_text(lang, "ws.suggest.candidate", {{"term", key}})},
         {"count_text", ws_text(lang, "ws.suggest.count", {{"n", std::to_string(c.count)}})},
         {"terms", terms},
         {"quotes", quotes},
         {"has_quotes", !quotes.empty()},
         {"accept", accept},
         {"dismiss", path + "/dismiss"}});
  }
  v["back_href"] = survey_path(ctx.survey(), "themes");
  v["intro"] = ws_text(
      lang, "ws.suggest.intro",
      {{"unmatched", std::to_string(report.unmatched)}, {"texts", std::to_string(report.texts)}});
  v["suggestions"] = list;
  v["has_suggestions"] = !list.empty();
  json warnings = json::array();
  for (const auto& warning : report.warnings) warnings.push_back(warning);
  v["warnings"] = warnings;
  if (w.req.get_param_value("done") == "dismissed")
    v["notice"] = ws_text(lang, "ws.suggest.done_dismissed");
  send_html(w.res, 200, render::get_template("ws_explorer_suggestions").render(v),
            Audience::workspace);
}

void dismiss(WorkspaceRoutes& r, WorkspaceRequest& w) {
  const std::string survey = w.req.matches[1];
  app::dismiss_suggestion(r.app(), app::Actor::of(w.session.access()), survey,
                          w.field("suggestion"));
  send_redirect(w.res, survey_path(survey, "themes/suggested-themes?done=dismissed"),
                Audience::workspace);
}

}  // namespace
}  // namespace codebook_pages

void register_workspace_codebook_routes(WorkspaceRoutes& routes) {
  WorkspaceRoutes* r = &routes;
  const std::string base = "/workspace/surveys/" + survey_id_pattern + "/themes";
  routes.page(base + "/edit-theme", app::Permission::edit_analysis,
              [r](WorkspaceRequest& w) { codebook_pages::show_editor(*r, w); });
  routes.action(base + "/edit-theme", app::Permission::edit_analysis,
                [r](WorkspaceRequest& w) { codebook_pages::post_editor(*r, w); });
  routes.page(base + "/suggested-themes", app::Permission::edit_analysis,
              [r](WorkspaceRequest& w) { codebook_pages::show_suggestions(*r, w); });
  routes.action(base + "/suggested-themes/dismiss", app::Permission::edit_analysis,
                [r](WorkspaceRequest& w) { codebook_pages::dismiss(*r, w); });
}

}  // namespace lyssna::http
