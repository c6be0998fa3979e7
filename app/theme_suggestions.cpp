// Theme suggestions (see theme_suggestions.hpp).
#include "app/theme_suggestions.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include <xapian.h>

#include "analysis/index/document_builder.hpp"
#include "analysis/index/xapian_errors.hpp"
#include "app/dialogues.hpp"
#include "app/surveys.hpp"
#include "collector/questionnaire/answers.hpp"
#include "collector/storage/analysis_store.hpp"
#include "indexing/language_data.hpp"
#include "indexing/text_answers.hpp"
#include "util/errors.hpp"
#include "util/text.hpp"

namespace lyssna::app {
namespace {

bool has_term(const std::vector<std::string>& doc_terms, const std::string& term) {
  return std::binary_search(doc_terms.begin(), doc_terms.end(), term);
}

bool has_prefix(const std::vector<std::string>& doc_terms, const std::string& prefix) {
  auto it = std::lower_bound(doc_terms.begin(), doc_terms.end(), prefix);
  return it != doc_terms.end() && it->compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

// A theme's query as a tree the suggester can cut to one document: running
// a codebook query sets up a posting list for each of its leaves (some
// thousand over a codebook), nearly all the cost of a suggestion, while a
// note holds a few dozen terms. The cut query keeps what can match the
// note, so it matches exactly when the whole one does.
struct QueryPlan {
  enum class Kind {
    term,      // a term: kept when the note has it
    wildcard,  // kept when a term of the note begins with its pattern
    any_of,    // OR: its children that can match
    all_of,    // AND, PHRASE, NEAR, FILTER...: whole when every child can match
    but_not,   // AND_NOT: the first child, less the others that can match
    opaque,    // a value range, another leaf or operator: kept as it is
  };
  struct Node {
    Kind kind = Kind::opaque;
    std::string text;  // the term, or the wildcard's pattern
    Xapian::Query query;
    std::vector<uint32_t> children;
  };
  std::vector<Node> nodes;  // the root first

  explicit QueryPlan(const Xapian::Query& q) { add(q); }

  std::optional<Xapian::Query> cut(const std::vector<std::string>& doc_terms) const {
    return cut(0, doc_terms);
  }

 private:
  uint32_t add(const Xapian::Query& q) {
    const uint32_t at = static_cast<uint32_t>(nodes.size());
    nodes.push_back({Kind::opaque, {}, q, {}});
    const auto type = q.get_type();
    Kind kind = Kind::opaque;
    std::string text;
    if (type == Xapian::Query::LEAF_TERM) {
      auto it = q.get_unique_terms_begin();
      if (it != q.get_unique_terms_end()) {
        kind = Kind::term;
        text = *it;
      }
    } else if (type == Xapian::Query::OP_WILDCARD) {
      // Xapian 1.4 names a wildcard's pattern only in its description:
      // "Query(WILDCARD SYNONYM Zpattern)".
      const std::string d = q.get_description();
      const size_t space = d.rfind(' ');
      if (space != std::string::npos && d.size() >= space + 3 && d.back() == ')') {
        kind = Kind::wildcard;
        text = d.substr(space + 1, d.size() - space - 2);
      }
    } else if (q.get_num_subqueries() > 0) {
      using Q = Xapian::Query;
      if (type == Q::OP_OR || type == Q::OP_SYNONYM || type == Q::OP_MAX) {
        kind = Kind::any_of;
      } else if (type == Q::OP_AND || type == Q::OP_PHRASE || type == Q::OP_NEAR ||
                 type == Q::OP_FILTER) {
        kind = Kind::all_of;
      } else if (type == Q::OP_AND_NOT) {
        kind = Kind::but_not;
      }
      // Other operators (AND_MAYBE, ELITE_SET, SCALE_WEIGHT...) stay whole.
      if (kind != Kind::opaque) {
        std::vector<uint32_t> children;
        for (size_t i = 0; i < q.get_num_subqueries(); ++i)
          children.push_back(add(q.get_subquery(i)));
        nodes[at].children = std::move(children);
      }
    }
    nodes[at].kind = kind;
    nodes[at].text = std::move(text);
    return at;
  }

  std::optional<Xapian::Query> cut(uint32_t i, const std::vector<std::string>& doc_terms) const {
    const Node& n = nodes[i];
    switch (n.kind) {
      case Kind::term:
        if (has_term(doc_terms, n.text)) return n.query;
        return std::nullopt;
      case Kind::wildcard:
        if (has_prefix(doc_terms, n.text)) return n.query;
        return std::nullopt;
      case Kind::opaque:
        return n.query;
      case Kind::all_of:
        for (auto c : n.children)
          if (!cut(c, doc_terms)) return std::nullopt;
        return n.query;
      case Kind::any_of: {
        std::vector<Xapian::Query> kept;
        for (auto c : n.children)
          if (auto q = cut(c, doc_terms)) kept.push_back(std::move(*q));
        if (kept.empty()) return std::nullopt;
        if (kept.size() == 1) return kept.front();
        return Xapian::Query(Xapian::Query::OP_OR, kept.begin(), kept.end());
      }
      case Kind::but_not: {
        auto first = cut(n.children.front(), doc_terms);
        if (!first) return std::nullopt;
        std::vector<Xapian::Query> unless;
        for (size_t c = 1; c < n.children.size(); ++c)
          if (auto q = cut(n.children[c], doc_terms)) unless.push_back(std::move(*q));
        if (unless.empty()) return first;
        return Xapian::Query(Xapian::Query::OP_AND_NOT, *first,
                             Xapian::Query(Xapian::Query::OP_OR, unless.begin(), unless.end()));
      }
    }
    return n.query;
  }
};

namespace {

// The plans of every theme of a tagger's codebook, in its order.
std::vector<QueryPlan> plans_of(const analysis::Tagger& tagger) {
  std::vector<QueryPlan> plans;
  for (const auto& theme : tagger.codebook().themes) plans.emplace_back(tagger.query(theme.id));
  return plans;
}

}  // namespace

static std::vector<ThemeSuggestion> suggest_themes(const analysis::Tagger& tagger,
                                                   const std::vector<QueryPlan>& plans,
                                                   analysis::TextAnalyzer& analyzer,
                                                   const analysis::Response& response,
                                                   const std::vector<analysis::TextAnswer>& texts,
                                                   size_t limit) {
  std::vector<std::pair<ThemeSuggestion, size_t>> found;  // with the theme's codebook position
  if (texts.empty() || limit == 0) return {};
  try {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const Xapian::Document doc = analysis::build_document(analyzer, response, texts);
    const Xapian::docid docid = db.add_document(doc);
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const std::vector<std::string> doc_terms(db.termlist_begin(docid), db.termlist_end(docid));
    const auto& themes = tagger.codebook().themes;
    for (size_t t = 0; t < themes.size(); ++t) {
      const auto query = plans[t].cut(doc_terms);
      if (!query) continue;  // no leaf of the theme is in the note
      enquire.set_query(*query);
      Xapian::MSet matches = enquire.get_mset(0, 1);
      if (matches.empty()) continue;
      ThemeSuggestion s{themes[t].id, 0, 0};
      // The query's terms the note holds; the same term twice in a query
      // (two languages' stems of one word) counts once.
      std::set<std::string> terms(enquire.get_matching_terms_begin(docid),
                                  enquire.get_matching_terms_end(docid));
      for (const auto& term : terms) {
        auto it = db.termlist_begin(docid);
        it.skip_to(term);
        if (it != db.termlist_end(docid) && *it == term) s.mentions += it.get_wdf();
      }
      s.terms = terms.size();
      found.emplace_back(std::move(s), t);
    }
  } catch (const Xapian::Error& e) {
    analysis::rethrow_xapian_error(e, "cannot tag the note");
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    if (a.first.terms != b.first.terms) return a.first.terms > b.first.terms;
    if (a.first.mentions != b.first.mentions) return a.first.mentions > b.first.mentions;
    return a.second < b.second;
  });
  std::vector<ThemeSuggestion> out;
  for (auto& [s, position] : found) {
    if (out.size() == limit) break;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<ThemeSuggestion> suggest_themes(const analysis::Tagger& tagger,
                                            analysis::TextAnalyzer& analyzer,
                                            const analysis::Response& response,
                                            const std::vector<analysis::TextAnswer>& texts,
                                            size_t limit) {
  return suggest_themes(tagger, plans_of(tagger), analyzer, response, texts, limit);
}

// One survey's compiled codebook, as of the codebook text it was made from.
struct ThemeSuggester::Entry {
  explicit Entry(std::string id) : survey(std::move(id)) {}
  const std::string survey;
  std::mutex mutex;
  int64_t analysis_revision = -1;
  std::optional<std::string> codebook_text;  // the survey's own, as stored (none: the default)
  std::unique_ptr<analysis::TextAnalyzer> analyzer;
  std::unique_ptr<analysis::Tagger> tagger;
  std::vector<QueryPlan> plans;  // of the tagger's queries
};

ThemeSuggester::ThemeSuggester() = default;
ThemeSuggester::~ThemeSuggester() = default;

size_t ThemeSuggester::compilations() const {
  std::lock_guard lock(mutex_);
  return compilations_;
}

std::shared_ptr<ThemeSuggester::Entry> ThemeSuggester::entry(const std::string& survey) {
  std::lock_guard lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if ((*it)->survey == survey) {
      entries_.splice(entries_.begin(), entries_, it);
      return entries_.front();
    }
  }
  entries_.push_front(std::make_shared<Entry>(survey));
  if (entries_.size() > max_surveys) entries_.pop_back();
  return entries_.front();
}

std::vector<ThemeSuggestion> ThemeSuggester::suggest(Services& services, const std::string& survey,
                                                     const NoteDraft& draft, size_t limit) {
  const auto q = require_survey(services, survey);
  if (!q->supports(draft.lang))
    throw Invalid("the questionnaire has no language '" + draft.lang + "'", "lang");
  const std::string text = text::normalize_free_text(text::trim(draft.text));
  if (text.size() > max_note_length || !text::is_valid_utf8(text)) {
    throw Invalid("a note is at most " + std::to_string(max_note_length) + " bytes of text",
                  "text");
  }
  if (text.empty()) return {};
  // The answers as take_note stores them, read back as the indexer reads
  // stored answers: the same texts reach the same document builder.
  nlohmann::json answers = {{"free_text", text}};
  if (draft.place && !text::trim(*draft.place).empty())
    answers["free_place"] = text::trim(*draft.place);
  questionnaire::normalize_free_text_answers(*q, answers);
  auto stored = indexing::stored_texts(answers.dump(), indexing::text_questions(*q));
  analysis::Response response;
  response.survey = survey;
  response.id = "suggestion";
  response.lang = draft.lang;
  response.channel = "dialogue";

  auto e = entry(survey);
  std::lock_guard lock(e->mutex);
  {
    // The codebook in force, compiled again only when its text changed
    // (the revision moves with margins too, which leave it as it is).
    auto db = services.readers().acquire();
    const int64_t revision = storage::analysis_revision(*db, survey);
    if (revision != e->analysis_revision || !e->tagger) {
      auto stored_codebook = storage::load_codebook(*db, survey);
      if (!e->tagger || stored_codebook != e->codebook_text) {
        if (!e->analyzer)
          e->analyzer = std::make_unique<analysis::TextAnalyzer>(indexing::language_resources());
        e->tagger =
            std::make_unique<analysis::Tagger>(indexing::codebook_for(*db, survey), *e->analyzer);
        e->plans = plans_of(*e->tagger);
        e->codebook_text = std::move(stored_codebook);
        std::lock_guard count(mutex_);
        ++compilations_;
      }
      e->analysis_revision = revision;
    }
  }
  return suggest_themes(*e->tagger, e->plans, *e->analyzer, response, stored.texts, limit);
}

}  // namespace lyssna::app
