# Synthetic safety surveys with a known population, for comparing Lyssna's
# weighted estimates with R's survey package (make_golden.R). Run once:
#   Rscript tests/data/weighting/make_fixtures.R
# Writes population margins and two samples of the standard questionnaire's
# ids (interchange.md section 2): one that oversamples a small area on
# purpose, as kommuner do, and one drawn in proportion to the areas. Both
# are skewed by age and gender the way postal surveys are (older women
# answer most). Deterministic: the seed and R's default generator fix it.
set.seed(20261202)
dir <- if (length(commandArgs(TRUE))) commandArgs(TRUE)[1] else "tests/data/weighting"

areas <- c(centrum = 18000, norr = 12000, soder = 9000, hamnen = 2500)
ages <- c("16-24", "25-44", "45-64", "65+")
age_mix <- list(centrum = c(.20, .38, .25, .17), norr = c(.14, .30, .30, .26),
                soder = c(.18, .34, .28, .20), hamnen = c(.10, .22, .30, .38))
frame <- do.call(rbind, lapply(names(areas), function(a) {
  n <- areas[[a]]
  data.frame(area = a,
             age_group = sample(ages, n, replace = TRUE, prob = age_mix[[a]]),
             gender = sample(c("woman", "man"), n, replace = TRUE, prob = c(.51, .49)))
}))

propensity <- function(f) {
  c("16-24" = .22, "25-44" = .33, "45-64" = .50, "65+" = .66)[f$age_group] *
    ifelse(f$gender == "woman", 1.2, 0.82)
}
draw <- function(n_by_area) {
  do.call(rbind, lapply(names(n_by_area), function(a) {
    pool <- frame[frame$area == a, ]
    pool <- pool[sample(nrow(pool)), ]
    keep <- runif(nrow(pool)) < propensity(pool)
    pool[keep, ][seq_len(n_by_area[[a]]), ]
  }))
}

# Answers, from models in which area, age and gender all matter.
logistic <- function(x) 1 / (1 + exp(-x))
answers <- function(s) {
  n <- nrow(s)
  old <- s$age_group == "65+"; young <- s$age_group == "16-24"
  woman <- s$gender == "woman"
  area_effect <- c(centrum = .35, norr = -.25, soder = 0, hamnen = .9)[s$area]
  scale4 <- function(p_high, levels, strong_share) {
    high <- runif(n) < p_high
    strong <- runif(n) < strong_share
    ifelse(high, ifelse(strong, levels[4], levels[3]), ifelse(strong, levels[1], levels[2]))
  }
  never_out <- runif(n) < ifelse(old, .14, ifelse(young, .01, .03))
  safe <- scale4(logistic(-1.5 + .95 * woman + .45 * old + area_effect),
                 c("very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe"), .3)
  safe[never_out] <- "never_out"
  worry <- scale4(logistic(-1.1 + .6 * woman + .3 * old + .8 * area_effect),
                  c("not_at_all", "a_little", "fairly", "very"), .35)
  avoid <- ifelse(runif(n) < logistic(-1.3 + .7 * woman - .3 * old + area_effect), "yes", "no")
  trust <- scale4(logistic(.2 + .5 * old - .4 * young - .3 * area_effect),
                  c("very_low", "fairly_low", "fairly_high", "very_high"), .25)
  trust[runif(n) < ifelse(young, .15, .06)] <- "dont_know"
  problem <- function(base, effect, dont_know) {
    v <- scale4(logistic(base + effect), c("no_problem", "small", "fairly_big", "very_big"), .3)
    v[runif(n) < dont_know] <- "dont_know"
    v
  }
  litter <- problem(-.6, area_effect - .2 * old, .05)
  intoxicated <- problem(-1.2, 1.2 * area_effect + .3 * woman, .10)
  dealing <- problem(-1.6, 1.4 * area_effect - .4 * old, .22)
  theft <- ifelse(runif(n) < ifelse(young, .14, ifelse(old, .04, .08)) * (1 + .5 * (s$area == "centrum")),
                  "yes", "no")
  out <- data.frame(safe_night = safe, worry_crime = worry, avoid_places = avoid,
                    police_trust = trust, problem_litter = litter,
                    problem_intoxicated = intoxicated, problem_drug_dealing = dealing,
                    victim_theft = theft)
  # People skip questions: about 3% of each answer is missing.
  for (q in names(out)) out[[q]][runif(n) < .03] <- ""
  out
}

write_survey <- function(s, name) {
  s <- cbind(id = sprintf("%s-%04d", name, seq_len(nrow(s))), s, answers(s))
  write.csv(s, file.path(dir, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
}
# 3,000 answers, the small harbour area oversampled about eleven times.
write_survey(draw(c(centrum = 950, norr = 750, soder = 600, hamnen = 700)), "oversampled")
# 2,000 answers in proportion to the areas.
write_survey(draw(round(2000 * areas / sum(areas))), "proportional")

counts <- function(v) paste(sprintf('"%s": %d', names(v), as.integer(v)), collapse = ", ")
writeLines(c('{"survey": "weighting-fixture", "margins": {',
             sprintf('  "area": {%s},', counts(table(frame$area)[names(areas)])),
             sprintf('  "age_group": {%s},', counts(table(frame$age_group))),
             sprintf('  "gender": {%s}}}', counts(table(frame$gender)))),
           file.path(dir, "margins.json"))
