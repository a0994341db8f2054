"""The staff's decisions on an application: eligibility, award within the fund's budget (with its letter), decline."""
