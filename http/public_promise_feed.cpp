// The Atom feed of a public promise's follow-ups (see public_promise_view.hpp):
// what a kommun's web shows as news of the promise. Built as text, every
// value escaped for XML and stripped of what XML 1.0 cannot carry.
#include <algorithm>
#include <map>

#include "http/public_promise_texts.hpp"
#include "http/public_promise_view.hpp"
#include "render/catalog.hpp"
#include "render/template_engine.hpp"
#include "util/clock.hpp"

namespace lyssna::http {
namespace {

// Escaped for text and attribute values as HTML is (the same five
// characters); control characters other than tab and line breaks are left
// out: XML 1.0 allows them not even as references.
std::string xml(std::string_view text) {
  std::string kept;
  kept.reserve(text.size());
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') kept += c;
  return render::escape_html(kept);
}

// An element with text, xml:lang when the text is not in the feed's language.
std::string text_element(const std::string& name, const PickedText& t, const std::string& lang) {
  std::string out = "<" + name + " type=\"text\"";
  if (!t.lang.empty() && t.lang != lang) out += " xml:lang=\"" + xml(t.lang) + "\"";
  return out + ">" + xml(t.text) + "</" + name + ">";
}

// tag: URIs (RFC 4151), stable for as long as the promise exists: its
// kommun, the day it was made and its id, and a follow-up's own id.
std::string feed_id(const app::Promise& p) {
  return "tag:lyssna," + clock::format_date(p.created_at) + ":" + p.header.kommun + "/promise/" +
         std::to_string(p.id);
}

}  // namespace

std::string promise_feed(app::Services& services, const app::Promise& p, const std::string& lang) {
  const auto& catalogs = render::Catalogs::get();
  std::map<int64_t, const app::PromiseParty*> parties;
  const auto list = app::promise_parties(services, p.header.kommun);
  for (const auto& party : list) parties[party.id] = &party;

  struct Entry {
    const app::Activity* activity;
    const app::FollowUp* follow_up;
  };
  std::vector<Entry> entries;
  for (const auto& fa : p.focus_areas)
    for (const auto& a : fa.activities)
      for (const auto& f : a.follow_ups)
        if (f.published) entries.push_back({&a, &f});
  // Newest first: by the day reported, then by when it was recorded.
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.follow_up->date != b.follow_up->date) return a.follow_up->date > b.follow_up->date;
    if (a.follow_up->recorded_at != b.follow_up->recorded_at)
      return a.follow_up->recorded_at > b.follow_up->recorded_at;
    return a.follow_up->id > b.follow_up->id;
  });
  int64_t updated = p.updated_at;
  for (const auto& e : entries) updated = std::max(updated, e.follow_up->recorded_at);

  const PickedText title = pick_text(p.header.titles, lang);
  const std::string page = promise_path(p) + "?lang=" + lang;
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + xml(lang) + "\">\n";
  out += "<id>" + xml(feed_id(p)) + "</id>\n";
  out +=
      text_element(
          "title",
          {catalogs.text(lang, "promise.feed_title", {{"title", title.text}}), lang, false}, lang) +
      "\n";
  out += "<updated>" + clock::format_rfc3339(updated) + "</updated>\n";
  out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" +
         xml(promise_feed_path(p) + "?lang=" + lang) + "\"/>\n";
  out += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml(page) + "\"/>\n";
  // The authors are the promise's parties (the feed needs at least one).
  bool any_author = false;
  for (int64_t id : p.header.parties) {
    auto it = parties.find(id);
    if (it == parties.end()) continue;
    out += "<author><name>" + xml(pick_text(it->second->names, lang).text) + "</name></author>\n";
    any_author = true;
  }
  if (!any_author) out += "<author><name>" + xml(p.header.kommun) + "</name></author>\n";

  for (const auto& e : entries) {
    const app::FollowUp& f = *e.follow_up;
    const std::string status(app::follow_up_status_name(f.status));
    out += "<entry>\n";
    out += "<id>" + xml(feed_id(p) + "/follow-up/" + std::to_string(f.id)) + "</id>\n";
    out += text_element("title", pick_text(e.activity->input.texts, lang), lang) + "\n";
    out += "<updated>" + clock::format_rfc3339(f.recorded_at) + "</updated>\n";
    out += "<link rel=\"alternate\" type=\"text/html\" href=\"" +
           xml(page + "#follow-up-" + std::to_string(f.id)) + "\"/>\n";
    out += "<category term=\"" + xml(status) + "\" label=\"" +
           xml(catalogs.text(lang, "promise.follow_up." + status)) + "\"/>\n";
    out +=
        text_element("summary",
                     {catalogs.text(lang, "promise.feed_summary",
                                    {{"date", f.date},
                                     {"status", catalogs.text(lang, "promise.follow_up." + status)},
                                     {"count", std::to_string(f.done_count)}}),
                      lang, false},
                     lang) +
        "\n";
    const PickedText content = pick_text(f.public_texts, lang);
    if (!content.text.empty()) out += text_element("content", content, lang) + "\n";
    out += "</entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace lyssna::http
