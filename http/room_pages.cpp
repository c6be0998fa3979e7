// The room's shared page data (see room_pages.hpp).
#include "http/room_pages.hpp"

#include "assets/assets.hpp"
#include "http/language.hpp"
#include "render/catalog.hpp"
#include "render/template_engine.hpp"

namespace lyssna::http::room {
namespace {

using nlohmann::json;

const std::vector<std::string>& room_languages() {
  static const std::vector<std::string> all = {"sv", "en", "ar", "so", "fi", "fa"};
  return all;
}

std::string text(const std::string& lang, const std::string& key,
                 const std::map<std::string, std::string>& params = {}) {
  return render::Catalogs::get().text(lang, key, params);
}

}  // namespace

std::string language(const app::DialogueSession& s, const httplib::Request& req,
                     const std::string& chosen) {
  return choose_language(s.line.languages, chosen, req.get_header_value("Accept-Language"));
}

std::string any_language(const httplib::Request& req, const std::string& chosen) {
  return choose_language(room_languages(), chosen, req.get_header_value("Accept-Language"));
}

void add_kiosk(json& v, const std::string& lang, const KioskReset& kiosk) {
  auto a = assets::require("web/static/kiosk.js");
  v["kiosk"] = {{"js", "/static/" + a.hash + "/kiosk.js"},
                {"idle", kiosk.idle_seconds},
                {"reset", kiosk.reset_url},
                {"countdown", text(lang, "room.kiosk.countdown")},
                {"continue", text(lang, "room.kiosk.continue")}};
  if (kiosk.fallback_seconds > 0)
    v["kiosk"]["refresh"] = {{"seconds", kiosk.fallback_seconds}, {"url", kiosk.reset_url}};
}

json page_view(const questionnaire::Questionnaire& q, const app::DialogueSession& s,
               const std::string& action, int page, const form::Carry& carry,
               const form::FormAnswers& input,
               const std::vector<questionnaire::AnswerProblem>& problems,
               const std::map<std::string, std::string>& extra_hidden, const KioskReset* kiosk) {
  json v = form::page_view(q, page, carry, input, problems);
  v["action"] = action;
  json languages = json::array();
  for (const auto& l : v["switcher"]["languages"]) {
    const std::string code = l["code"];
    if (std::find(s.line.languages.begin(), s.line.languages.end(), code) != s.line.languages.end())
      languages.push_back(l);
  }
  if (languages.size() > 1) {
    v["switcher"]["languages"] = languages;
  } else {
    v.erase("switcher");  // one language: nothing to choose
  }
  for (const auto& [name, value] : extra_hidden)
    v["hidden"].push_back({{"name", name}, {"value", value}});
  if (kiosk) {
    v["autocomplete_off"] = true;
    add_kiosk(v, carry.lang, *kiosk);
  }
  return v;
}

json message_view(const std::string& lang, const std::string& title_key,
                  const std::string& body_key, const std::map<std::string, std::string>& params) {
  return form::message_view(lang, title_key, body_key, params, "");
}

json not_open_view(const app::DialogueSession& s, const std::string& lang) {
  const bool paused = s.line.status == "paused";
  json v = message_view(lang, paused ? "room.join.paused_title" : "room.join.closed_title",
                        paused ? "room.join.paused_body" : "room.join.closed_body",
                        {{"place", s.line.place}});
  return v;
}

std::string render(const std::string& name, const json& view) {
  json v = view;
  auto a = assets::require("web/static/room.css");
  v["room_css"] = "/static/" + a.hash + "/room.css";
  return render::get_template(name).render(v);
}

}  // namespace lyssna::http::room
