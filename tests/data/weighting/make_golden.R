# Reference figures for Lyssna's weighted estimates, from R's survey package
# (Lumley): the fixtures of make_fixtures.R raked to margins.json, then every
# indicator's share overall and per area, age group and gender, with its
# linearization standard error and its logit interval (svyciprop). Run:
#   Rscript tests/data/weighting/make_golden.R [DIR]
# Writes DIR/golden_<fixture>_<method>.csv (DIR: this folder) and prints
# the time R took. Methods:
#   rake       rake() to the three margins, from weights N_area / n_area
#   bounded    calibrate(calfun = "raking", bounds = c(0.6, 2.2)): raking with
#              each weight held within 0.6-2.2 times its area's base weight
#              (what Lyssna's trimming does, with tight bounds that bind);
#              the variance as rake() computes it, with these weights
# It also prints how far calibrate()'s own (GREG) standard errors, which
# weight the residuals' regression by the base weights, are from rake()'s.
suppressPackageStartupMessages(library(survey))
args <- commandArgs(TRUE)
src <- "tests/data/weighting"
out <- if (length(args)) args[1] else src
options(survey.lonely.psu = "certainty")

margins <- local({
  lines <- readLines(file.path(src, "margins.json"))
  parse <- function(name) {
    line <- grep(sprintf('"%s"', name), lines, value = TRUE)
    pairs <- regmatches(line, gregexpr('"[^"]+": [0-9]+', line))[[1]]
    pairs <- pairs[!grepl(sprintf('^"%s"', name), pairs)]
    setNames(as.numeric(sub('.*: ', '', pairs)), sub('"([^"]+)".*', '\\1', pairs))
  }
  list(area = parse("area"), age_group = parse("age_group"), gender = parse("gender"))
})
pop_table <- function(variable) {
  t <- data.frame(names(margins[[variable]]), Freq = margins[[variable]])
  names(t)[1] <- variable
  t
}

indicators <- c("unsafe_night", "never_out", "avoid_places", "worry_crime", "victim_theft",
                "police_trust", "problem_litter", "problem_drug_dealing", "theme_drugs_alcohol")

# The indicators (analysis/data/indicators.json): 1 yes, 0 no, NA outside the base.
indicator <- function(d, questions, yes, not_substantive = character()) {
  value <- rep(NA_real_, nrow(d))
  for (q in questions) {
    a <- d[[q]]
    counted <- a != "" & !(a %in% not_substantive)
    value[counted & is.na(value)] <- 0
    value[counted & a %in% yes] <- 1
  }
  value
}
# Each indicator in a column i_<id> (the answers keep their own columns).
add_indicators <- function(d) {
  big <- c("fairly_big", "very_big")
  d$i_unsafe_night <- indicator(d, "safe_night", c("fairly_unsafe", "very_unsafe"))
  d$i_never_out <- indicator(d, "safe_night", "never_out")
  d$i_avoid_places <- indicator(d, "avoid_places", "yes")
  d$i_worry_crime <- indicator(d, "worry_crime", c("fairly", "very"))
  d$i_victim_theft <- indicator(d, "victim_theft", "yes")
  d$i_police_trust <- indicator(d, "police_trust", c("very_high", "fairly_high"), "dont_know")
  d$i_problem_litter <- indicator(d, "problem_litter", big, "dont_know")
  d$i_problem_drug_dealing <- indicator(d, "problem_drug_dealing", big, "dont_know")
  d$i_theme_drugs_alcohol <- indicator(d, c("problem_intoxicated", "problem_drug_dealing"), big,
                                     "dont_know")
  # Who is in each base, and the values with 0 outside it: a domain keeps
  # every row of a calibrated design (with weight 0), and the calibration's
  # residuals may not meet a missing value.
  for (ind in paste0("i_", indicators)) {
    d[[paste0(ind, "_base")]] <- !is.na(d[[ind]])
    d[[ind]][is.na(d[[ind]])] <- 0
  }
  d
}

estimates <- function(design, d) {
  rows <- list()
  groups <- list(c("total", ""))
  for (by in c("area", "age_group", "gender"))
    for (v in sort(unique(d[[by]]))) groups[[length(groups) + 1]] <- c(by, v)
  for (g in groups) {
    in_group <- if (g[1] == "total") rep(TRUE, nrow(d)) else d[[g[1]]] == g[2]
    for (ind in indicators) {
      keep <- in_group & d[[paste0("i_", ind, "_base")]]
      sub <- subset(design, keep)
      m <- svymean(as.formula(paste0("~i_", ind)), sub, deff = TRUE)
      ci <- svyciprop(as.formula(paste0("~I(i_", ind, " == 1)")), sub, method = "logit")
      rows[[length(rows) + 1]] <- data.frame(
        by = g[1], value = g[2], indicator = ind, n = sum(keep),
        share = coef(m)[[1]], se = SE(m)[[1]], deff = deff(m)[[1]],
        ci_low = attr(ci, "ci")[[1]], ci_high = attr(ci, "ci")[[2]])
    }
  }
  do.call(rbind, rows)
}

# A rake() design carrying other weights (the bounded ones): its variance
# is then rake()'s linearization of them.
with_weights <- function(raked, w) {
  raked$prob <- 1 / w
  k <- length(raked$postStrata)
  for (i in seq_along(raked$postStrata[[k]])) attr(raked$postStrata[[k]][[i]], "weights") <- w
  raked
}

started <- Sys.time()
for (fixture in c("oversampled", "proportional")) {
  d <- add_indicators(read.csv(file.path(src, paste0(fixture, ".csv")), colClasses = "character",
                               na.strings = character()))
  n_area <- table(d$area)
  d$base_weight <- margins$area[d$area] / as.numeric(n_area[d$area])
  base <- svydesign(ids = ~1, weights = ~base_weight, data = d)
  raked <- rake(base, list(~area, ~age_group, ~gender),
                lapply(c("area", "age_group", "gender"), pop_table),
                control = list(maxit = 200, epsilon = 1e-10))
  rake_figures <- estimates(raked, d)
  write.csv(rake_figures, file.path(out, sprintf("golden_%s_rake.csv", fixture)),
            row.names = FALSE)
  greg <- estimates(calibrate(base, list(~area, ~age_group, ~gender),
                              population = lapply(c("area", "age_group", "gender"), pop_table),
                              calfun = "raking", epsilon = 1e-10), d)
  ratio <- greg$se / rake_figures$se
  cat(sprintf("%s: calibrate()'s standard errors are %.1f%% to %+.1f%% of rake()'s (%s %s %s)\n",
              fixture, 100 * (min(ratio) - 1), 100 * (max(ratio) - 1),
              greg$by[which.min(ratio)], greg$value[which.min(ratio)],
              greg$indicator[which.min(ratio)]))
  if (fixture == "oversampled") {
    bounded <- calibrate(base, list(~area, ~age_group, ~gender),
                         population = lapply(c("area", "age_group", "gender"), pop_table),
                         calfun = "raking", bounds = c(0.6, 2.2), maxit = 500, epsilon = 1e-10)
    g <- weights(bounded) / d$base_weight
    cat(sprintf("bounded: %d weights at 0.6, %d at 2.2 times their area's base weight\n",
                sum(g < 0.6 + 1e-9), sum(g > 2.2 - 1e-9)))
    write.csv(estimates(with_weights(raked, weights(bounded)), d),
              file.path(out, sprintf("golden_%s_bounded.csv", fixture)), row.names = FALSE)
    write.csv(data.frame(id = d$id, rake = weights(raked), bounded = weights(bounded)),
              file.path(out, sprintf("golden_%s_weights.csv", fixture)), row.names = FALSE)
  }
}
cat(sprintf("R %s, survey %s: %.2f s\n", getRversion(), packageVersion("survey"),
            as.numeric(Sys.time() - started, units = "secs")))
