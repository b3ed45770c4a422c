//! The PostgreSQL backend: the same queries as SQLite (see `queries.rs`), with row locks for
//! concurrent writers and an advisory lock that serializes appends to the audit chain.

use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use sqlx::{Pool, Postgres};

type Db = Postgres;

/// Lock the row read before a change, so concurrent writers queue instead of racing.
const FOR_UPDATE: &str = " FOR UPDATE";
/// Sort text bytewise, as SQLite does, whatever the server's locale.
const COLLATE_C: &str = " COLLATE \"C\"";

/// The migrations of this backend.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// An arbitrary constant naming the audit chain's advisory lock.
const AUDIT_CHAIN_LOCK: i64 = 0x0c5c_a0d1;

/// The PostgreSQL backend.
#[derive(Debug, Clone)]
pub struct Backend {
    reader: Pool<Db>,
    writer: Pool<Db>,
}

/// Appends to the chain one at a time: the lock is held until the transaction ends.
async fn lock_chain(tx: &mut sqlx::Transaction<'static, Db>) -> crate::error::Result<()> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(AUDIT_CHAIN_LOCK)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Appends "the report holds every one of `words`" (and, when given, one of the window's
/// `months`) over `monitoring_reports r`: the words' tsvector (`simple`: the domain has already folded and stemmed them), through the GIN
/// expression index of migration 8.
fn push_words_match(q: &mut sqlx::QueryBuilder<'_, Db>, words: &[String], months: &[String]) {
    let mut m = words.join(" & ");
    if !months.is_empty() {
        m = format!("{m} & ({})", months.join(" | "));
    }
    q.push(" AND to_tsvector('simple', r.search_words) @@ to_tsquery('simple', ");
    q.push_bind(m);
    q.push(")");
}

/// Nothing to do: the expression index follows the column.
async fn index_words(
    _tx: &mut sqlx::Transaction<'static, Db>,
    _words: &[(i64, String)],
) -> crate::error::Result<()> {
    Ok(())
}

/// `n` new report ids from the table's identity sequence.
async fn reserve_report_ids(
    tx: &mut sqlx::Transaction<'static, Db>,
    n: usize,
) -> crate::error::Result<Vec<i64>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    Ok(sqlx::query_scalar(
        "SELECT nextval(pg_get_serial_sequence('monitoring_reports', 'id')) \
         FROM generate_series(1, $1)",
    )
    .bind(n as i64)
    .fetch_all(&mut **tx)
    .await?)
}

/// Moves the identity sequences past the imported ids.
async fn after_import(tx: &mut sqlx::Transaction<'static, Db>) -> crate::error::Result<()> {
    for table in [
        "users",
        "api_tokens",
        "contingents",
        "crisis_records",
        "crisis_journal",
        "training_exercises",
        "year_plans",
        "exercise_designs",
        "msels",
        "exercise_runs",
        "corrective_actions",
        "lessons",
        "monitoring_events",
        "monitoring_reports",
    ] {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
             COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        ))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

impl Backend {
    /// Connects to the server named by a `postgres://` URL.
    pub async fn connect(url: &str) -> crate::error::Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        Ok(Backend {
            reader: pool.clone(),
            writer: pool,
        })
    }

    /// Applies pending migrations; refuses a database from a newer crc.
    pub async fn migrate(&self) -> crate::error::Result<()> {
        crate::check_not_newer(&self.writer, &MIGRATOR).await?;
        MIGRATOR.run(&self.writer).await?;
        Ok(())
    }

    /// Closes the pool, waiting for connections in use.
    pub async fn close(&self) {
        self.writer.close().await;
    }

    /// Runs raw SQL (tests use it to play an intruder).
    #[cfg(feature = "testing")]
    pub async fn raw_execute(&self, sql: &str) -> crate::error::Result<u64> {
        use sqlx::Executor;
        Ok(self.writer.execute(sql).await?.rows_affected())
    }
}

include!("queries.rs");
include!("crisis_queries.rs");
include!("plan_queries.rs");
include!("training_queries.rs");
include!("run_queries.rs");
include!("follow_up_queries.rs");
include!("monitoring_queries.rs");

/// Makes an export read one consistent snapshot of every table.
async fn snapshot(tx: &mut sqlx::Transaction<'static, Db>) -> crate::error::Result<()> {
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut **tx)
        .await?;
    Ok(())
}
