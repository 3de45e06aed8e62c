-- 015: a worry or an action changed by someone else no longer counts as a
-- change to the session it was first written in. Members of an engagement
-- change one another's shared worries and actions from their own sessions;
-- counting that on the first session stopped its window from saving
-- anything more. Each entry is checked by itself instead: a save of a copy
-- older than the entry is refused for that entry alone
-- (model.EntryChangedError).
DROP TRIGGER anxieties_revision_update;
DROP TRIGGER anxieties_revision_delete;
DROP TRIGGER actions_revision_update;
DROP TRIGGER actions_revision_delete;
