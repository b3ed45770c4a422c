-- crc schema 5 (SQLite): exercise designs and their master scenario events lists (MSELs).
-- Kept in step with migrations/postgres/0005_exercise_designs.sql.

-- An exercise's design: the domain's ExerciseDesign as JSON, optionally for an exercise of
-- the catalogue.
CREATE TABLE exercise_designs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    exercise_id INTEGER REFERENCES training_exercises(id),
    name TEXT NOT NULL,
    spec TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL
);

-- A design's MSEL: the domain's MselSpec and MselState as JSON, like year_plans.
CREATE TABLE msels (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    design_id INTEGER NOT NULL REFERENCES exercise_designs(id),
    -- draft, submitted, approved (from the state)
    status TEXT NOT NULL,
    spec TEXT NOT NULL,
    state TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX msels_design ON msels(design_id, id);
