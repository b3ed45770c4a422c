-- crc schema 3 (SQLite): movement plans. Kept in step with migrations/postgres/0003_plans.sql.

-- A movement plan: the scenario it was made from, how it was asked for, where its search
-- stands and what came out. The scenario and the plan are JSON documents of the planner
-- (docs/planner/*.schema.json); the summary columns beside them are what lists show.
CREATE TABLE movement_plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- the crisis record (an operation) it plans; NULL for a scenario sent whole
    operation_id INTEGER REFERENCES crisis_records(id),
    -- the plan a what-if started from
    parent_id INTEGER REFERENCES movement_plans(id),
    -- the what-if changes (JSON array)
    changes TEXT NOT NULL,
    -- the operation's exercise; NULL for the real world
    exercise TEXT,
    scenario TEXT NOT NULL,
    -- the scenario's C-hour
    epoch TEXT,
    -- the search's seed, a u64 kept as the i64 of the same bits
    seed INTEGER NOT NULL,
    time_limit_ms INTEGER NOT NULL,
    -- queued, running, done, infeasible, failed
    status TEXT NOT NULL,
    stop_requested BOOLEAN NOT NULL,
    progress TEXT,
    plan TEXT,
    closure INTEGER,
    lower_bound INTEGER,
    gap REAL,
    sorties INTEGER,
    weighted_lateness INTEGER,
    binding TEXT,
    error TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    version INTEGER NOT NULL
);
CREATE INDEX movement_plans_operation ON movement_plans(operation_id, id);
CREATE INDEX movement_plans_parent ON movement_plans(parent_id);
-- The runner takes the oldest queued plan.
CREATE INDEX movement_plans_status ON movement_plans(status, id);
