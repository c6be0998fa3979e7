# R's survey package on the same task as `lyssna indicators --weights`
# (bench/analysis.sh prints both): rake the exported responses to the
# margins, then every indicator of the standard questionnaire's questions
# (analysis/data/indicators.json; the theme indicators left out) for the
# whole survey and by area, age group and gender, each with its
# linearization standard error (svymean) and logit interval (svyciprop).
#   Rscript bench/r_weighted.R RESPONSES.csv MARGINS.json
# Prints the seconds it took and the number of shares.
suppressPackageStartupMessages(library(survey))
args <- commandArgs(TRUE)
d <- read.csv(args[1], colClasses = "character", na.strings = character())
margin_lines <- readLines(args[2])
margins <- list()
for (v in c("area", "age_group", "gender")) {
  line <- grep(sprintf('"%s"', v), margin_lines, value = TRUE)
  body <- sub(sprintf('.*"%s": *\\{([^}]*)\\}.*', v), "\\1", paste(line, collapse = " "))
  pairs <- regmatches(body, gregexpr('"[^"]+": *[0-9.]+', body))[[1]]
  t <- data.frame(sub('"([^"]+)".*', "\\1", pairs), Freq = as.numeric(sub('.*: *', "", pairs)))
  names(t)[1] <- v
  margins[[v]] <- t
}
started <- Sys.time()
# Respondents with all three background answers (R's rake needs them).
d <- d[d$area %in% margins$area$area & d$age_group %in% margins$age_group$age_group &
       d$gender %in% margins$gender$gender, ]
rules <- list(unsafe_night = list("safe_night", c("fairly_unsafe", "very_unsafe"), character()),
              never_out = list("safe_night", "never_out", character()),
              avoid_places = list("avoid_places", "yes", character()),
              worry_crime = list("worry_crime", c("fairly", "very"), character()),
              police_trust = list("police_trust", c("very_high", "fairly_high"), "dont_know"))
for (q in grep("^victim_", names(d), value = TRUE)) rules[[q]] <- list(q, "yes", character())
for (q in grep("^problem_", names(d), value = TRUE))
  rules[[q]] <- list(q, c("fairly_big", "very_big"), "dont_know")
for (id in names(rules)) {
  a <- d[[rules[[id]][[1]]]]
  base <- a != "" & !(a %in% rules[[id]][[3]])
  d[[paste0("b_", id)]] <- base
  d[[paste0("i_", id)]] <- as.numeric(base & a %in% rules[[id]][[2]])
}
design <- rake(svydesign(ids = ~1, weights = ~1, data = d), list(~area, ~age_group, ~gender),
               unname(margins), control = list(maxit = 100, epsilon = 1e-7))
shares <- 0
for (by in c("total", "area", "age_group", "gender")) {
  values <- if (by == "total") "" else sort(unique(d[[by]]))
  for (v in values) {
    group <- if (by == "total") rep(TRUE, nrow(d)) else d[[by]] == v
    for (id in names(rules)) {
      keep <- group & d[[paste0("b_", id)]]
      if (sum(keep) < 5) next
      sub <- subset(design, keep)
      svymean(as.formula(paste0("~i_", id)), sub)
      suppressWarnings(svyciprop(as.formula(paste0("~I(i_", id, " == 1)")), sub, method = "logit"))
      shares <- shares + 1
    }
  }
}
cat(sprintf("%.2f s, %d shares, %d respondents (R %s, survey %s)\n",
            as.numeric(Sys.time() - started, units = "secs"), shares, nrow(d), getRversion(),
            packageVersion("survey")))
