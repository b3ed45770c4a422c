//! Storage for crc: one boundary, two backends. SQLite is the embedded default; PostgreSQL
//! serves larger installations. The database URL chooses. Both run the same SQL
//! (`queries.rs`) and pass the same contract suite (`tests/contract.rs`).
//!
//! Invariants: every read of contingents takes a [`Viewer`] and applies releasability in the
//! SQL itself; every change appends to the audit chain in the same transaction, so a change
//! and its audit entry are committed together or not at all.

pub mod changes;
pub mod crisis_model;
pub mod error;
pub mod follow_up_model;
pub mod model;
pub mod monitoring_model;
pub mod plan_model;
pub mod postgres;
pub mod run_model;
pub mod sqlite;
#[cfg(feature = "testing")]
pub mod testing;
pub mod training_model;

use chrono::{DateTime, Utc};
use crc_domain::audit::{AuditEntry, AuditEvent};
use crc_domain::contingent::{Contingent, ContingentDraft, ContingentQuery};
use crc_domain::identity::Viewer;
use crc_domain::reference::{LoadReport, ReferenceData, ReferenceKind};
use crc_domain::DomainError;

pub use crisis_model::*;
pub use error::{Result, StorageError};
pub use follow_up_model::*;
pub use model::*;
pub use monitoring_model::*;
pub use plan_model::*;
pub use run_model::*;
pub use training_model::*;

/// The newest schema version this build knows.
pub fn known_schema_version() -> i64 {
    sqlite::MIGRATOR
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
}

/// Refuses a database whose applied migrations are newer than this build's.
async fn check_not_newer<DB>(
    pool: &sqlx::Pool<DB>,
    migrator: &sqlx::migrate::Migrator,
) -> Result<()>
where
    DB: sqlx::Database,
    for<'c> &'c sqlx::Pool<DB>: sqlx::Executor<'c, Database = DB>,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    i64: sqlx::Type<DB> + for<'r> sqlx::Decode<'r, DB>,
    usize: sqlx::ColumnIndex<<DB as sqlx::Database>::Row>,
{
    let known = migrator.iter().map(|m| m.version).max().unwrap_or(0);
    // The table does not exist on a new database; that is fine.
    let found: Option<(i64,)> =
        sqlx::query_as("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations")
            .fetch_optional(pool)
            .await
            .ok()
            .flatten();
    if let Some((found,)) = found {
        if found > known {
            return Err(StorageError::SchemaTooNew { found, known });
        }
    }
    Ok(())
}

/// The store: one of the two backends.
#[derive(Debug, Clone)]
pub enum Store {
    /// Embedded SQLite.
    Sqlite(sqlite::Backend),
    /// PostgreSQL.
    Postgres(postgres::Backend),
}

macro_rules! dispatch {
    ($self:ident, $b:ident => $e:expr) => {
        match $self {
            Store::Sqlite($b) => $e,
            Store::Postgres($b) => $e,
        }
    };
}

impl Store {
    /// Connects to `sqlite://PATH` or `postgres://...` (also `postgresql://`).
    pub async fn connect(url: &str) -> Result<Store> {
        if url.starts_with("sqlite:") {
            Ok(Store::Sqlite(sqlite::Backend::connect(url).await?))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Store::Postgres(postgres::Backend::connect(url).await?))
        } else {
            Err(StorageError::UnsupportedUrl(redact_url(url)))
        }
    }

    /// Which backend.
    pub fn backend_name(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }

    /// Applies pending migrations.
    pub async fn migrate(&self) -> Result<()> {
        dispatch!(self, b => b.migrate().await)
    }

    /// Closes the connections cleanly.
    pub async fn close(&self) {
        dispatch!(self, b => b.close().await)
    }

    /// Runs raw SQL, bypassing every rule (tests only).
    #[cfg(feature = "testing")]
    pub async fn raw_execute(&self, sql: &str) -> Result<u64> {
        dispatch!(self, b => b.raw_execute(sql).await)
    }

    /// The newest applied schema version.
    pub async fn schema_version(&self) -> Result<i64> {
        dispatch!(self, b => b.schema_version().await)
    }

    /// See [`sqlite::Backend::create_user`].
    pub async fn create_user(&self, actor: &str, u: &NewUser) -> Result<User> {
        dispatch!(self, b => b.create_user(actor, u).await)
    }
    /// All users.
    pub async fn list_users(&self) -> Result<Vec<User>> {
        dispatch!(self, b => b.list_users().await)
    }
    /// How many users.
    pub async fn count_users(&self) -> Result<i64> {
        dispatch!(self, b => b.count_users().await)
    }
    /// A user with its password hash.
    pub async fn user_for_login(&self, username: &str) -> Result<Option<UserWithSecret>> {
        dispatch!(self, b => b.user_for_login(username).await)
    }
    /// A user by id.
    pub async fn user(&self, id: i64) -> Result<User> {
        dispatch!(self, b => b.user(id).await)
    }
    /// Sets a password hash (ends the user's sessions).
    pub async fn set_password(&self, actor: &str, username: &str, hash: &str) -> Result<User> {
        dispatch!(self, b => b.set_password(actor, username, hash).await)
    }
    /// Disables or enables a user.
    pub async fn set_disabled(&self, actor: &str, username: &str, disabled: bool) -> Result<User> {
        dispatch!(self, b => b.set_disabled(actor, username, disabled).await)
    }
    /// Sets a user's locale.
    pub async fn set_locale(&self, actor: &str, username: &str, locale: &str) -> Result<User> {
        dispatch!(self, b => b.set_locale(actor, username, locale).await)
    }
    /// Opens a session.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        csrf: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        dispatch!(self, b => b.create_session(token_hash, user_id, csrf, expires_at).await)
    }
    /// A live session.
    pub async fn session(&self, token_hash: &str) -> Result<Option<Session>> {
        dispatch!(self, b => b.session(token_hash).await)
    }
    /// Ends a session.
    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        dispatch!(self, b => b.delete_session(token_hash).await)
    }
    /// Removes expired sessions.
    pub async fn purge_sessions(&self) -> Result<u64> {
        dispatch!(self, b => b.purge_sessions().await)
    }
    /// Records an API token.
    pub async fn create_api_token(
        &self,
        actor: &str,
        user_id: i64,
        name: &str,
        token_hash: &str,
        expires_at: Option<DateTime<Utc>>,
    ) -> Result<ApiToken> {
        dispatch!(self, b => b.create_api_token(actor, user_id, name, token_hash, expires_at).await)
    }
    /// The user of a live token.
    pub async fn token_user(&self, token_hash: &str) -> Result<Option<User>> {
        dispatch!(self, b => b.token_user(token_hash).await)
    }
    /// A user's tokens.
    pub async fn list_api_tokens(&self, user_id: i64) -> Result<Vec<ApiToken>> {
        dispatch!(self, b => b.list_api_tokens(user_id).await)
    }
    /// Revokes a token.
    pub async fn revoke_api_token(&self, actor: &str, user_id: i64, id: i64) -> Result<ApiToken> {
        dispatch!(self, b => b.revoke_api_token(actor, user_id, id).await)
    }
    /// Loads reference data idempotently.
    pub async fn load_reference(&self, actor: &str, data: &ReferenceData) -> Result<LoadReport> {
        dispatch!(self, b => b.load_reference(actor, data).await)
    }
    /// The loaded reference version.
    pub async fn reference_version(&self) -> Result<Option<String>> {
        dispatch!(self, b => b.reference_version().await)
    }
    /// Reference records of a kind.
    pub async fn list_reference(&self, kind: ReferenceKind) -> Result<Vec<StoredReference>> {
        dispatch!(self, b => b.list_reference(kind).await)
    }
    /// One reference record.
    pub async fn reference(&self, kind: ReferenceKind, key: &str) -> Result<StoredReference> {
        dispatch!(self, b => b.reference(kind, key).await)
    }
    /// A page of contingents visible to `viewer`.
    pub async fn list_contingents(
        &self,
        viewer: &Viewer,
        query: &ContingentQuery,
    ) -> Result<ContingentPage> {
        dispatch!(self, b => b.list_contingents(viewer, query).await)
    }
    /// One contingent visible to `viewer`.
    pub async fn contingent(&self, viewer: &Viewer, id: i64) -> Result<Contingent> {
        dispatch!(self, b => b.contingent(viewer, id).await)
    }
    /// Totals per state and component.
    pub async fn force_totals(&self, viewer: &Viewer) -> Result<Vec<ForceTotal>> {
        dispatch!(self, b => b.force_totals(viewer).await)
    }
    /// Creates a contingent.
    pub async fn create_contingent(
        &self,
        actor: &str,
        draft: &ContingentDraft,
        demo: bool,
    ) -> Result<Contingent> {
        dispatch!(self, b => b.create_contingent(actor, draft, demo).await)
    }
    /// Updates a contingent at an expected version.
    pub async fn update_contingent(
        &self,
        actor: &str,
        viewer: &Viewer,
        id: i64,
        expected: i64,
        draft: &ContingentDraft,
        allow: impl FnOnce(&Contingent) -> std::result::Result<(), DomainError>,
    ) -> Result<Contingent> {
        dispatch!(self, b => b.update_contingent(actor, viewer, id, expected, draft, allow).await)
    }
    /// Deletes a contingent.
    pub async fn delete_contingent(
        &self,
        actor: &str,
        viewer: &Viewer,
        id: i64,
        expected: Option<i64>,
        allow: impl FnOnce(&Contingent) -> std::result::Result<(), DomainError>,
    ) -> Result<Contingent> {
        dispatch!(self, b => b.delete_contingent(actor, viewer, id, expected, allow).await)
    }
    /// Loads demonstration contingents not there yet.
    pub async fn load_demo(&self, actor: &str, drafts: &[ContingentDraft]) -> Result<usize> {
        dispatch!(self, b => b.load_demo(actor, drafts).await)
    }
    /// Removes all demonstration contingents.
    pub async fn remove_demo(&self, actor: &str) -> Result<usize> {
        dispatch!(self, b => b.remove_demo(actor).await)
    }
    /// Creates a crisis record (see [`sqlite::Backend::create_crisis_record`]).
    pub async fn create_crisis_record(
        &self,
        actor: &CrisisActor<'_>,
        new: NewCrisisRecord,
        allow: impl FnOnce(&crc_domain::crisis::Spec) -> std::result::Result<(), DomainError>,
    ) -> Result<CrisisRecord> {
        dispatch!(self, b => b.create_crisis_record(actor, new, allow).await)
    }
    /// Takes one step of a crisis record's workflow.
    pub async fn command_crisis_record(
        &self,
        actor: &CrisisActor<'_>,
        id: i64,
        expected: Option<i64>,
        command: &crc_domain::crisis::Command,
        allow: impl FnOnce(
            &crc_domain::crisis::Spec,
            &crc_domain::crisis::Command,
        ) -> std::result::Result<(), DomainError>,
    ) -> Result<CrisisRecord> {
        dispatch!(self, b => b.command_crisis_record(actor, id, expected, command, allow).await)
    }
    /// One crisis record visible to `viewer`.
    pub async fn crisis_record(&self, viewer: &Viewer, id: i64) -> Result<CrisisRecord> {
        dispatch!(self, b => b.crisis_record(viewer, id).await)
    }
    /// A page of crisis records visible to `viewer`.
    pub async fn list_crisis_records(
        &self,
        viewer: &Viewer,
        query: &CrisisQuery,
    ) -> Result<CrisisPage> {
        dispatch!(self, b => b.list_crisis_records(viewer, query).await)
    }
    /// Visible crisis records per kind and status.
    pub async fn crisis_status_counts(
        &self,
        viewer: &Viewer,
        exercise: &ExerciseFilter,
    ) -> Result<Vec<StatusCount>> {
        dispatch!(self, b => b.crisis_status_counts(viewer, exercise).await)
    }
    /// Visible crisis journal entries.
    pub async fn crisis_journal(
        &self,
        viewer: &Viewer,
        query: &JournalQuery,
    ) -> Result<Vec<JournalEntry>> {
        dispatch!(self, b => b.crisis_journal(viewer, query).await)
    }
    /// Loads the bundled catalogue's exercises idempotently.
    pub async fn load_catalogue(
        &self,
        actor: &str,
        exercises: &[crc_domain::training::catalogue::ExerciseSpec],
    ) -> Result<CatalogueLoadReport> {
        dispatch!(self, b => b.load_catalogue(actor, exercises).await)
    }
    /// The catalogue's exercises matching `query`.
    pub async fn list_exercises(&self, query: &ExerciseQuery) -> Result<Vec<ExerciseRecord>> {
        dispatch!(self, b => b.list_exercises(query).await)
    }
    /// One exercise of the catalogue by key.
    pub async fn exercise(&self, key: &str) -> Result<ExerciseRecord> {
        dispatch!(self, b => b.exercise(key).await)
    }
    /// Adds an exercise to the catalogue.
    pub async fn create_exercise(
        &self,
        actor: &str,
        spec: &crc_domain::training::catalogue::ExerciseSpec,
        org: &ReferenceData,
    ) -> Result<ExerciseRecord> {
        dispatch!(self, b => b.create_exercise(actor, spec, org).await)
    }
    /// Changes an exercise of the catalogue at an expected version.
    pub async fn update_exercise(
        &self,
        actor: &str,
        key: &str,
        expected: i64,
        spec: &crc_domain::training::catalogue::ExerciseSpec,
        org: &ReferenceData,
    ) -> Result<ExerciseRecord> {
        dispatch!(self, b => b.update_exercise(actor, key, expected, spec, org).await)
    }
    /// Drafts a new year plan.
    pub async fn create_year_plan(
        &self,
        actor: &CrisisActor<'_>,
        spec: &crc_domain::training::year_plan::YearPlanSpec,
        org: &ReferenceData,
        allow: impl FnOnce(
            &crc_domain::training::year_plan::YearPlanSpec,
        ) -> std::result::Result<(), DomainError>,
    ) -> Result<YearPlanRecord> {
        dispatch!(self, b => b.create_year_plan(actor, spec, org, allow).await)
    }
    /// One year plan.
    pub async fn year_plan(&self, id: i64) -> Result<YearPlanRecord> {
        dispatch!(self, b => b.year_plan(id).await)
    }
    /// The year plans (of one year when given), newest year first.
    pub async fn list_year_plans(&self, year: Option<i32>) -> Result<Vec<YearPlanRecord>> {
        dispatch!(self, b => b.list_year_plans(year).await)
    }
    /// Takes one step of a year plan's workflow.
    pub async fn command_year_plan(
        &self,
        actor: &CrisisActor<'_>,
        id: i64,
        expected: Option<i64>,
        command: &crc_domain::training::year_plan::YearPlanCommand,
        org: &ReferenceData,
        allow: impl FnOnce(
            &YearPlanRecord,
            &crc_domain::training::year_plan::YearPlanCommand,
        ) -> std::result::Result<(), DomainError>,
    ) -> Result<YearPlanRecord> {
        dispatch!(self, b => b.command_year_plan(actor, id, expected, command, org, allow).await)
    }
    /// Writes a new exercise design.
    pub async fn create_design(
        &self,
        actor: &str,
        exercise_id: Option<i64>,
        spec: &crc_domain::training::design::ExerciseDesign,
    ) -> Result<DesignRecord> {
        dispatch!(self, b => b.create_design(actor, exercise_id, spec).await)
    }
    /// One exercise design.
    pub async fn design(&self, id: i64) -> Result<DesignRecord> {
        dispatch!(self, b => b.design(id).await)
    }
    /// The exercise designs, newest first.
    pub async fn list_designs(&self) -> Result<Vec<DesignRecord>> {
        dispatch!(self, b => b.list_designs().await)
    }
    /// Changes an exercise design at an expected version.
    pub async fn update_design(
        &self,
        actor: &str,
        id: i64,
        expected: i64,
        exercise_id: Option<i64>,
        spec: &crc_domain::training::design::ExerciseDesign,
    ) -> Result<DesignRecord> {
        dispatch!(self, b => b.update_design(actor, id, expected, exercise_id, spec).await)
    }
    /// Creates an MSEL of a design, as a draft.
    pub async fn create_msel(
        &self,
        actor: &str,
        design_id: i64,
        spec: &crc_domain::training::msel::MselSpec,
    ) -> Result<MselRecord> {
        dispatch!(self, b => b.create_msel(actor, design_id, spec).await)
    }
    /// One MSEL.
    pub async fn msel(&self, id: i64) -> Result<MselRecord> {
        dispatch!(self, b => b.msel(id).await)
    }
    /// The MSELs of a design, oldest first.
    pub async fn list_msels(&self, design_id: i64) -> Result<Vec<MselRecord>> {
        dispatch!(self, b => b.list_msels(design_id).await)
    }
    /// Takes one step of an MSEL's workflow.
    pub async fn command_msel(
        &self,
        actor: &CrisisActor<'_>,
        id: i64,
        expected: Option<i64>,
        command: &crc_domain::training::msel::MselCommand,
        allow: impl FnOnce(
            &MselRecord,
            &crc_domain::training::msel::MselCommand,
        ) -> std::result::Result<(), DomainError>,
    ) -> Result<MselRecord> {
        dispatch!(self, b => b.command_msel(actor, id, expected, command, allow).await)
    }
    /// Creates a run of a design from one of its MSELs, the clock not started.
    pub async fn create_run(
        &self,
        actor: &str,
        design_id: i64,
        msel_id: i64,
        policy: crc_domain::training::release::ReleasePolicy,
        allow: impl FnOnce(&DesignRecord) -> std::result::Result<(), DomainError>,
    ) -> Result<RunRecord> {
        dispatch!(self, b => b.create_run(actor, design_id, msel_id, policy, allow).await)
    }
    /// One exercise run.
    pub async fn run(&self, id: i64) -> Result<RunRecord> {
        dispatch!(self, b => b.run(id).await)
    }
    /// The exercise runs, newest first.
    pub async fn list_runs(&self) -> Result<Vec<RunRecord>> {
        dispatch!(self, b => b.list_runs().await)
    }
    /// The runs whose clock runs or stands paused.
    pub async fn live_runs(&self) -> Result<Vec<i64>> {
        dispatch!(self, b => b.live_runs().await)
    }
    /// Changes a run on its locked row with its design and MSEL (see the backends).
    pub async fn change_run(
        &self,
        actor: &str,
        id: i64,
        expected: Option<i64>,
        change: impl FnOnce(
            &mut RunRecord,
            &DesignRecord,
            &MselRecord,
        ) -> std::result::Result<Option<RunChange>, DomainError>,
    ) -> Result<RunRecord> {
        dispatch!(self, b => b.change_run(actor, id, expected, change).await)
    }
    /// Creates a corrective action, open.
    pub async fn create_action(
        &self,
        actor: &str,
        spec: &crc_domain::training::actions::ActionSpec,
    ) -> Result<ActionRecord> {
        dispatch!(self, b => b.create_action(actor, spec).await)
    }
    /// One corrective action.
    pub async fn action(&self, id: i64) -> Result<ActionRecord> {
        dispatch!(self, b => b.action(id).await)
    }
    /// The corrective actions, of one exercise marking and one status when given.
    pub async fn list_actions(
        &self,
        exercise: Option<&str>,
        status: Option<&str>,
    ) -> Result<Vec<ActionRecord>> {
        dispatch!(self, b => b.list_actions(exercise, status).await)
    }
    /// Takes one step of a corrective action.
    pub async fn command_action(
        &self,
        actor: &CrisisActor<'_>,
        id: i64,
        expected: Option<i64>,
        command: &crc_domain::training::actions::ActionCommand,
        allow: impl FnOnce(
            &ActionRecord,
            &crc_domain::training::actions::ActionCommand,
        ) -> std::result::Result<(), DomainError>,
    ) -> Result<ActionRecord> {
        dispatch!(self, b => b.command_action(actor, id, expected, command, allow).await)
    }
    /// Writes a lesson learned.
    pub async fn create_lesson(
        &self,
        actor: &str,
        lesson: &crc_domain::training::lessons::Lesson,
    ) -> Result<LessonRecord> {
        dispatch!(self, b => b.create_lesson(actor, lesson).await)
    }
    /// One lesson.
    pub async fn lesson(&self, id: i64) -> Result<LessonRecord> {
        dispatch!(self, b => b.lesson(id).await)
    }
    /// The lessons, linked into one year's plan when given.
    pub async fn list_lessons(&self, applies_year: Option<i32>) -> Result<Vec<LessonRecord>> {
        dispatch!(self, b => b.list_lessons(applies_year).await)
    }
    /// Changes a lesson at an expected version.
    pub async fn update_lesson(
        &self,
        actor: &str,
        id: i64,
        expected: i64,
        lesson: &crc_domain::training::lessons::Lesson,
    ) -> Result<LessonRecord> {
        dispatch!(self, b => b.update_lesson(actor, id, expected, lesson).await)
    }
    /// Records an audit event by itself.
    pub async fn record(&self, ev: AuditEvent) -> Result<AuditEntry> {
        dispatch!(self, b => b.record(ev).await)
    }
    /// A page of the audit log.
    pub async fn audit_page(&self, limit: i64, offset: i64) -> Result<AuditPage> {
        dispatch!(self, b => b.audit_page(limit, offset).await)
    }
    /// The changes after `after` that `viewer` may know of (the live event stream).
    pub async fn changes_after(
        &self,
        viewer: &Viewer,
        after: i64,
        limit: i64,
    ) -> Result<ChangeBatch> {
        dispatch!(self, b => b.changes_after(viewer, after, limit).await)
    }
    /// Raw audit entries after `after` (unfiltered: callers filter per viewer).
    pub async fn entries_after(&self, after: i64, limit: i64) -> Result<Vec<AuditEntry>> {
        dispatch!(self, b => b.entries_after(after, limit).await)
    }
    /// The newest audit sequence number.
    pub async fn last_seq(&self) -> Result<i64> {
        dispatch!(self, b => b.last_seq().await)
    }
    /// Verifies the audit chain.
    pub async fn verify_audit(&self) -> Result<AuditReport> {
        dispatch!(self, b => b.verify_audit().await)
    }
    /// Stores reports, all or none (see [`sqlite::Backend::receive_reports`]).
    pub async fn receive_reports(
        &self,
        actor: &str,
        reports: &[NewReport],
    ) -> Result<Vec<Received>> {
        dispatch!(self, b => b.receive_reports(actor, reports).await)
    }
    /// One report, if `viewer` may see it.
    pub async fn report(&self, viewer: &Viewer, id: i64) -> Result<ReportRecord> {
        dispatch!(self, b => b.report(viewer, id).await)
    }
    /// The reports `viewer` may see matching `query`, latest observed first.
    pub async fn list_reports(
        &self,
        viewer: &Viewer,
        query: &ReportQuery,
    ) -> Result<Vec<ReportRecord>> {
        dispatch!(self, b => b.list_reports(viewer, query).await)
    }
    /// What the map draws of the reports `viewer` may see matching `query`.
    pub async fn map_points(&self, viewer: &Viewer, query: &ReportQuery) -> Result<Vec<MapPoint>> {
        dispatch!(self, b => b.map_points(viewer, query).await)
    }
    /// Sets a report's grade at an expected version.
    pub async fn grade_report(
        &self,
        actor: &CrisisActor<'_>,
        id: i64,
        expected: Option<i64>,
        grade: crc_domain::monitoring::grade::Grade,
    ) -> Result<ReportRecord> {
        dispatch!(self, b => b.grade_report(actor, id, expected, grade).await)
    }
    /// Confirms reports to be about one event.
    pub async fn create_event(
        &self,
        actor: &CrisisActor<'_>,
        title: &str,
        category: &str,
        reports: &[i64],
    ) -> Result<EventRecord> {
        dispatch!(self, b => b.create_event(actor, title, category, reports).await)
    }
    /// Adds a report to an event or takes it out.
    pub async fn link_report(
        &self,
        actor: &CrisisActor<'_>,
        event: i64,
        expected: Option<i64>,
        report: i64,
        join: bool,
    ) -> Result<EventRecord> {
        dispatch!(self, b => b.link_report(actor, event, expected, report, join).await)
    }
    /// Merges a duplicate report into another.
    pub async fn merge_report(
        &self,
        actor: &CrisisActor<'_>,
        duplicate: i64,
        into: i64,
    ) -> Result<ReportRecord> {
        dispatch!(self, b => b.merge_report(actor, duplicate, into).await)
    }
    /// One event, if `viewer` may see it.
    pub async fn monitoring_event(&self, viewer: &Viewer, id: i64) -> Result<EventRecord> {
        dispatch!(self, b => b.monitoring_event(viewer, id).await)
    }
    /// The events `viewer` may see, latest first.
    pub async fn list_events(
        &self,
        viewer: &Viewer,
        query: &EventQuery,
    ) -> Result<Vec<EventRecord>> {
        dispatch!(self, b => b.list_events(viewer, query).await)
    }
    /// A report and the reports that could be about the same event.
    pub async fn corroboration_candidates(
        &self,
        viewer: &Viewer,
        id: i64,
        hours: f64,
        km: f64,
    ) -> Result<(ReportRecord, Vec<ReportRecord>)> {
        dispatch!(self, b => b.corroboration_candidates(viewer, id, hours, km).await)
    }
    /// What the real-world threat assessment counts for `viewer` in `[from_ms, to_ms)`.
    pub async fn threat_items(
        &self,
        viewer: &Viewer,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<Vec<crc_domain::monitoring::threat::Item>> {
        dispatch!(self, b => b.threat_items(viewer, from_ms, to_ms).await)
    }

    /// Exports everything.
    pub async fn export(&self) -> Result<ExportDocument> {
        dispatch!(self, b => b.export().await)
    }
    /// Imports into an empty database.
    pub async fn import(&self, doc: &ExportDocument) -> Result<()> {
        dispatch!(self, b => b.import(doc).await)
    }
}

/// A database URL with any password replaced, for messages and logs.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}
