// The citizen promise as the public sees it (issue 10, point 4): which
// promises are public, the template data of their pages, and the Atom feed
// of their follow-ups. Only what is meant for residents gets in: the
// promise's texts, its published follow-ups' public texts, aggregates of
// the figures behind each focus area (small cells suppressed) and the
// quotes an analyst published; never an internal note, an unpublished
// follow-up or any other free text.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "app/promise.hpp"
#include "app/services.hpp"

namespace lyssna::http {

// The six public languages, Swedish (the fallback of every text) first.
const std::vector<std::string>& public_languages();

// Published or evaluated: adopted is not yet public, a draft never.
bool is_public_promise(app::PromiseStatus status);

// The public promises of every kommun, newest period first (then newest id).
std::vector<app::Promise> public_promises(app::Services& services);

// Template data of the pages in `lang` (one of public_languages()).
nlohmann::json promise_list_view(app::Services& services, const std::string& lang);
nlohmann::json promise_page_view(app::Services& services, const app::Promise& promise,
                                 const std::string& lang);
// The page of a missing or unpublished promise.
nlohmann::json promise_not_found_view(const std::string& lang);

// The Atom feed (RFC 4287) of the promise's published follow-ups in `lang`:
// one entry per follow-up with a stable tag: id, newest first.
std::string promise_feed(app::Services& services, const app::Promise& promise,
                         const std::string& lang);

// "/promise/3" and its feed.
std::string promise_path(const app::Promise& promise);
std::string promise_feed_path(const app::Promise& promise);

}  // namespace lyssna::http
