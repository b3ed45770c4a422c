-- crc schema 7 (SQLite): what follows an exercise, corrective actions tracked to closure and
-- lessons learned. Kept in step with migrations/postgres/0007_training_follow_up.sql.

-- A corrective action: the domain's ActionSpec and ActionState as JSON, with the columns
-- lists filter on derived from them.
CREATE TABLE corrective_actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- the exercise marking it comes from
    exercise TEXT NOT NULL,
    -- open, in_progress, done, verified, cancelled (from the state)
    status TEXT NOT NULL,
    owner_state TEXT,
    due TEXT NOT NULL,
    spec TEXT NOT NULL,
    state TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX corrective_actions_exercise ON corrective_actions(exercise, id);

-- A lesson learned: the domain's Lesson as JSON; the year of the plan it is linked into.
CREATE TABLE lessons (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    exercise TEXT,
    applies_year INTEGER,
    lesson TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX lessons_year ON lessons(applies_year, id);
