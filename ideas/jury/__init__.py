"""The jury: assignments, scores per criterion, conflicts of interest, the ranking."""
