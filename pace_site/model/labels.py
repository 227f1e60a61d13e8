"""The labels pages publish beside counts: the audit reads pages back by these, so they live in one place."""

# The labels the progress table, its bar and the headline figures publish: the audit reads them back.
PROGRESS_PARTS = (("Met: reached within the timescale", "met", "#2b9c93", ""),
                  ("Missed: reached late", "late", "#e5682a", "x"),
                  ("Missed: still waiting past the timescale", "waiting past", "#6a2063", "/"),
                  ("Pending: waiting, within the timescale", "pending", "#8fa8c2", "."))
COHORT_ROW = "All children in the cohort"
SUPPRESSED_BAR = "Suppressed: small numbers combined"
HEADLINES = ("Children in the cohort", "Met, of those decided", "Met, including those waiting past the timescale")
OVERVIEW_CHILDREN, OVERVIEW_MET = "Children, last 12 months", "Met, including those waiting"
