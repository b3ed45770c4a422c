-- crc schema 8 (SQLite): situation monitoring, reports and the events they are confirmed
-- to be about. Kept in step with migrations/postgres/0008_monitoring.sql.

-- An event: reports an officer confirmed to be about one happening. Its grade follows from
-- its reports; it is seen only by whoever may see every one of them (release_to).
CREATE TABLE monitoring_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    category TEXT NOT NULL,
    exercise TEXT,
    reliability TEXT NOT NULL,
    credibility INTEGER NOT NULL,
    owner_state TEXT,
    releasability TEXT NOT NULL,
    release_to TEXT NOT NULL,
    state TEXT,
    region TEXT,
    first_ms BIGINT NOT NULL,
    last_ms BIGINT NOT NULL,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    reports INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX monitoring_events_time ON monitoring_events(last_ms);

CREATE TABLE monitoring_event_release (
    event_id BIGINT NOT NULL REFERENCES monitoring_events(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    PRIMARY KEY (event_id, state)
);

-- A report: the domain's ReportSpec as JSON, with what queries filter on derived from it.
-- Times are milliseconds since 1970 so that ranges compare as numbers on both backends. The
-- anchor point's 1-degree cell (cell = floor(lat + 90) * 360 + floor(lon + 180)) indexes the
-- map's viewports with a plain B-tree on both backends; areas also keep their box.
CREATE TABLE monitoring_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    category TEXT NOT NULL,
    exercise TEXT,
    observed_ms BIGINT NOT NULL,
    reported_ms BIGINT NOT NULL,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    cell INTEGER NOT NULL,
    is_area INTEGER NOT NULL,
    west REAL NOT NULL,
    south REAL NOT NULL,
    east REAL NOT NULL,
    north REAL NOT NULL,
    state TEXT,
    country TEXT,
    region TEXT,
    reliability TEXT NOT NULL,
    credibility INTEGER NOT NULL,
    source_key TEXT NOT NULL,
    external_id TEXT,
    owner_state TEXT,
    releasability TEXT NOT NULL,
    release_to TEXT NOT NULL,
    event_id BIGINT REFERENCES monitoring_events(id),
    merged_into BIGINT REFERENCES monitoring_reports(id),
    title TEXT NOT NULL,
    search_words TEXT NOT NULL,
    spec TEXT NOT NULL,
    location TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL
);
-- The same sender's identifier twice is the same report received again.
CREATE UNIQUE INDEX monitoring_reports_external ON monitoring_reports(source_key, external_id)
    WHERE external_id IS NOT NULL;
CREATE INDEX monitoring_reports_time ON monitoring_reports(observed_ms);
CREATE INDEX monitoring_reports_cell ON monitoring_reports(cell, observed_ms);
-- Areas are few: their branch of a viewport query reads only the areas of its window.
CREATE INDEX monitoring_reports_areas ON monitoring_reports(observed_ms) WHERE is_area;
CREATE INDEX monitoring_reports_event ON monitoring_reports(event_id) WHERE event_id IS NOT NULL;
-- Full-text search over the domain's stemmed words (FTS5; PostgreSQL indexes a tsvector).
CREATE VIRTUAL TABLE monitoring_reports_fts USING fts5(words, tokenize = 'unicode61 remove_diacritics 0');

CREATE TABLE monitoring_report_release (
    report_id BIGINT NOT NULL REFERENCES monitoring_reports(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    PRIMARY KEY (report_id, state)
);
