// What the pages of a dialogue's room share (join_routes.cpp for phones,
// kiosk_routes.cpp for the kiosk): the page's language among the session's,
// the resident's questionnaire pages (collector/form) posting to the room's
// own address with the language choice limited to the session's languages,
// and the room's messages. Only data for the templates.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "app/dialogues.hpp"
#include "collector/form/form_view.hpp"

namespace lyssna::http::room {

// The session's language for this request: `chosen` when it is one of the
// session's, else the browser's Accept-Language among them, else the first.
std::string language(const app::DialogueSession& s, const httplib::Request& req,
                     const std::string& chosen);
// Among every language the room's catalogs speak (the /d page, before a session is known).
std::string any_language(const httplib::Request& req, const std::string& chosen);

// A kiosk page's idle reset (kiosk.js, a meta refresh without it).
struct KioskReset {
  int64_t idle_seconds = 90;
  std::string reset_url;         // where the reset goes (the start page, forgetting the person)
  int64_t fallback_seconds = 0;  // the meta refresh's delay without JavaScript; 0 for none
};

// A questionnaire page of the session: form::page_view posting to `action`,
// with the session's languages only, and for a kiosk its token, no
// autofill, and the reset.
nlohmann::json page_view(const questionnaire::Questionnaire& q, const app::DialogueSession& s,
                         const std::string& action, int page, const form::Carry& carry,
                         const form::FormAnswers& input,
                         const std::vector<questionnaire::AnswerProblem>& problems,
                         const std::map<std::string, std::string>& extra_hidden = {},
                         const KioskReset* kiosk = nullptr);
// Adds the kiosk's reset to a page's view.
void add_kiosk(nlohmann::json& v, const std::string& lang, const KioskReset& kiosk);

// A message page (message.html) with heading and text of the room's catalogs.
nlohmann::json message_view(const std::string& lang, const std::string& title_key,
                            const std::string& body_key,
                            const std::map<std::string, std::string>& params = {});
// The message for a session that takes no answers now (paused or closed).
nlohmann::json not_open_view(const app::DialogueSession& s, const std::string& lang);

std::string render(const std::string& name, const nlohmann::json& view);

}  // namespace lyssna::http::room
