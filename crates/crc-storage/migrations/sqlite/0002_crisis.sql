-- crc schema 2 (SQLite): the crisis response chain. Kept in step with
-- migrations/postgres/0002_crisis.sql.

-- Every crisis record (request, session, decision, operation, force, task, logistics, mode,
-- shift, group): its spec and workflow state as JSON written by the domain, with the
-- columns the lists filter and sort on.
CREATE TABLE crisis_records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    parent_id INTEGER REFERENCES crisis_records(id),
    -- the request the record descends from (its own id for a request)
    crisis_id INTEGER,
    owner_state TEXT,
    status TEXT NOT NULL,
    title TEXT NOT NULL,
    -- the exercise the record belongs to; NULL for the real world
    exercise TEXT,
    releasability TEXT NOT NULL,
    release_to TEXT NOT NULL,
    -- numbering: sessions per body, decisions per body; exercises number apart
    scope TEXT,
    number INTEGER,
    main_at TEXT,
    due_at TEXT,
    spec TEXT NOT NULL,
    state TEXT NOT NULL,
    demo BOOLEAN NOT NULL,
    version INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX crisis_records_kind ON crisis_records(kind, status);
-- (parent, kind): a decision's tasks, an operation's forces, without scanning the kind.
CREATE INDEX crisis_records_parent ON crisis_records(parent_id, kind);
-- The board's counts per kind and status read this index alone.
CREATE INDEX crisis_records_counts ON crisis_records(exercise, kind, status, releasability, owner_state);
CREATE INDEX crisis_records_crisis ON crisis_records(crisis_id);
-- due_at is set only while a task is open: overdue and open tasks are one index range.
CREATE INDEX crisis_records_due ON crisis_records(kind, due_at) WHERE due_at IS NOT NULL;
CREATE INDEX crisis_records_main ON crisis_records(kind, main_at);
CREATE UNIQUE INDEX crisis_records_number ON crisis_records(kind, scope, number)
    WHERE number IS NOT NULL;

CREATE TABLE crisis_release (
    record_id INTEGER NOT NULL REFERENCES crisis_records(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    PRIMARY KEY (record_id, state)
);

-- The crisis journal: one entry per step of any record, in commit order.
CREATE TABLE crisis_journal (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id INTEGER NOT NULL REFERENCES crisis_records(id),
    crisis_id INTEGER,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    title TEXT NOT NULL,
    detail TEXT NOT NULL,
    exercise TEXT,
    audit_seq INTEGER NOT NULL
);
CREATE INDEX crisis_journal_crisis ON crisis_journal(crisis_id, id);
CREATE INDEX crisis_journal_record ON crisis_journal(record_id, id);
