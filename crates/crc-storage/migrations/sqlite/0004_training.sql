-- crc schema 4 (SQLite): planning the joint training year. Kept in step with
-- migrations/postgres/0004_training.sql.

-- The catalogue of joint training: the reference exercises (reference/joint-training.toml,
-- loaded at start) and those users add. The spec is the domain's ExerciseSpec as JSON; the
-- columns beside it are what lists filter on, derived from it.
CREATE TABLE training_exercises (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    series TEXT,
    host TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    spec TEXT NOT NULL,
    -- 'reference' (from the bundled catalogue) or 'user'
    origin TEXT NOT NULL,
    -- the bundled spec last loaded (reference exercises only): a later load updates an
    -- exercise only while its spec is still this, so users' changes are never overwritten
    reference_spec TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX training_exercises_year ON training_exercises(year, id);

-- A Plan for Joint Training: the domain's YearPlanSpec and YearPlanState as JSON, like
-- crisis_records. Every version of the plan lives inside the state.
CREATE TABLE year_plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL,
    -- drafting, coordinating, submitted, approved, withdrawn (from the state)
    status TEXT NOT NULL,
    title TEXT NOT NULL,
    spec TEXT NOT NULL,
    state TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL
);
-- One plan per year, besides those withdrawn.
CREATE UNIQUE INDEX year_plans_year ON year_plans(year) WHERE status <> 'withdrawn';
