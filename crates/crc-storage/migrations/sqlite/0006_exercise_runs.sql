-- crc schema 6 (SQLite): exercise runs, the conduct of an exercise from an approved MSEL.
-- Kept in step with migrations/postgres/0006_exercise_runs.sql.

-- One run of an exercise: its clock, release log, inboxes, responses and observations as
-- the domain's JSON, changed whole on the locked row. A run is bounded (an MSEL has at most
-- 5,000 injects), it is read whole by every view of it, and each change must see all of it
-- (a release is at most once; a response answers an inject released to its author).
CREATE TABLE exercise_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    design_id INTEGER NOT NULL REFERENCES exercise_designs(id),
    msel_id INTEGER NOT NULL REFERENCES msels(id),
    -- not_started, running, paused, ended (from the clock); the ticker reads running ones
    status TEXT NOT NULL,
    clock TEXT NOT NULL,
    policy TEXT NOT NULL,
    log TEXT NOT NULL,
    inbox TEXT NOT NULL,
    responses TEXT NOT NULL,
    observations TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX exercise_runs_status ON exercise_runs(status, id);
