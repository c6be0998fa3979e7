// Codebook previews (see codebook_preview.hpp).
#include "reports/codebook_preview.hpp"

#include <map>

#include "analysis/index/prefixes.hpp"
#include "analysis/index/search.hpp"
#include "analysis/index/xapian_errors.hpp"

namespace lyssna::reports {
namespace {

struct Pick {
  std::string record_id, theme;
  const Xapian::Query* marks = nullptr;  // null: no terms to mark (an emptied theme)
};

// Up to `count` (record, theme) pairs, one from each changed theme in turn,
// so that one large theme does not fill the whole sample.
std::vector<Pick> spread(const analysis::CodebookDiff& diff, bool gained, size_t count,
                         const std::map<std::string, const Xapian::Query*>& marks) {
  std::vector<Pick> out;
  for (size_t round = 0; out.size() < count; ++round) {
    bool any = false;
    for (const auto& change : diff.themes) {
      const auto& list = gained ? change.gained : change.lost;
      if (round >= list.size() || out.size() >= count) continue;
      any = true;
      auto it = marks.find(change.theme);
      out.push_back({list[round], change.theme, it == marks.end() ? nullptr : it->second});
    }
    if (!any) break;
  }
  return out;
}

}  // namespace

CodebookPreview codebook_preview(const SurveyContext& ctx, const analysis::Codebook& next,
                                 size_t sample) {
  const analysis::Tagger tagger(next, *ctx.analyzer);
  const auto& before = ctx.themes();
  const auto after = ctx.index.read(
      [&](const Xapian::Database& db) { return tagger.tag(db, ctx.survey(), ctx.manual); });
  CodebookPreview preview{
      ctx.survey(), analysis::diff_assignments(ctx.codebook(), before, next, after), {}, {}};
  // Gains are marked by the theme's new terms, losses by its old ones.
  std::map<std::string, const Xapian::Query*> new_marks, old_marks;
  for (const auto& t : next.themes) new_marks[t.id] = &tagger.query(t.id);
  for (const auto& t : ctx.codebook().themes) old_marks[t.id] = &ctx.tagger->query(t.id);
  for (const auto& change : preview.diff.themes) {
    // A renamed theme lost what its old self matched.
    if (change.kind == analysis::ThemeChange::Kind::renamed && !old_marks.count(change.theme)) {
      const std::string first = change.was.substr(0, change.was.find(','));
      if (auto it = old_marks.find(first); it != old_marks.end())
        old_marks[change.theme] = it->second;
    }
  }
  const auto texts = ctx.text_source();
  for (bool gained : {true, false}) {
    const auto picks = spread(preview.diff, gained, sample, gained ? new_marks : old_marks);
    std::vector<std::string> ids;
    for (const auto& p : picks) ids.push_back(p.record_id);
    const auto answers = texts(ids);
    auto& out = gained ? preview.gained : preview.lost;
    for (size_t i = 0; i < picks.size() && i < answers.size(); ++i) {
      PreviewSample s;
      s.record_id = picks[i].record_id;
      s.theme = picks[i].theme;
      const auto* row = (gained ? after : before).find(s.record_id);
      if (row) {
        s.area = row->area;
        s.lang = ctx.index.read([&](const Xapian::Database& db) {
          try {
            return db.get_document(row->docid).get_value(analysis::slot::language);
          } catch (const Xapian::Error& e) {
            analysis::rethrow_xapian_error(e, "cannot read the text index");
          }
          return std::string();
        });
      }
      for (const auto& answer : answers[i]) {
        s.snippets.push_back({answer.question, picks[i].marks ? analysis::make_snippet(
                                                                    answer.text, s.lang,
                                                                    *picks[i].marks, *ctx.analyzer)
                                                              : answer.text});
      }
      out.push_back(std::move(s));
    }
  }
  return preview;
}

}  // namespace lyssna::reports
