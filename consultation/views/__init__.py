"""Public views of a consultation. Reached through ConsultationPage's routes (RoutablePageMixin).

Every view asks the predicates in `permissions` (the same ones the templates show), lets the services write, and
answers refusals the same way: anonymous people are sent to log in and back, everyone else gets 403 with the reason.
Data-changing actions take POST only (405 otherwise) and redirect back to the proposal (post/redirect/get).

- `overview`: the consultation page and the list of proposals;
- `submission`: submitting, editing and withdrawing a proposal;
- `proposal`: the proposal page;
- `actions`: what one does on a proposal or a comment (vote, comment, report …);
- `events`: an event's page and its minutes;
- `common`: what they share.
"""
