//! The embedded SQLite backend: one file, WAL journal, one writer connection and a pool of
//! readers, so writes are serialized (as SQLite requires) while reads run in parallel.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Pool, Sqlite};

type Db = Sqlite;

/// SQLite has no row locks; the single writer connection serializes changes.
const FOR_UPDATE: &str = "";
/// SQLite's default collation is already bytewise.
const COLLATE_C: &str = "";

/// The migrations of this backend.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// The SQLite backend.
#[derive(Debug, Clone)]
pub struct Backend {
    reader: Pool<Db>,
    writer: WriterPool,
}

/// The writer pool. Every transaction takes SQLite's write lock at once (a no-op write as
/// its first statement), so a transaction that reads before it writes never fails to
/// upgrade its lock when another process (a `crc user` command beside a running server)
/// writes too; it waits for the busy timeout instead. (`BEGIN IMMEDIATE` through sqlx's
/// `begin_with` would do the same, but it races with the rollback of a transaction dropped
/// on an error path and then refuses every later write.)
#[derive(Debug, Clone)]
struct WriterPool(Pool<Db>);

impl WriterPool {
    async fn begin(&self) -> Result<sqlx::Transaction<'static, Db>, sqlx::Error> {
        let mut tx = self.0.begin().await?;
        sqlx::query("DELETE FROM sessions WHERE 0")
            .execute(&mut *tx)
            .await?;
        Ok(tx)
    }
}

/// Nothing to do: the writer connection is the only writer.
async fn lock_chain(_tx: &mut sqlx::Transaction<'static, Db>) -> crate::error::Result<()> {
    Ok(())
}

/// Appends "the report holds every one of `words`" (and, when given, one of the window's
/// `months`) over `monitoring_reports r`: the FTS5 table of migration 8, each word quoted (the
/// domain's words are letters and digits only).
fn push_words_match(q: &mut sqlx::QueryBuilder<'_, Db>, words: &[String], months: &[String]) {
    let quote = |w: &String| format!("\"{}\"", w.replace('"', ""));
    let mut m = words.iter().map(quote).collect::<Vec<_>>().join(" AND ");
    if !months.is_empty() {
        m = format!(
            "{m} AND ({})",
            months.iter().map(quote).collect::<Vec<_>>().join(" OR ")
        );
    }
    q.push(" AND r.id IN (SELECT rowid FROM monitoring_reports_fts WHERE monitoring_reports_fts MATCH ");
    q.push_bind(m);
    q.push(")");
}

/// Indexes reports' words in the FTS5 table.
async fn index_words(
    tx: &mut sqlx::Transaction<'static, Db>,
    words: &[(i64, String)],
) -> crate::error::Result<()> {
    for chunk in words.chunks(5_000) {
        let mut q =
            sqlx::QueryBuilder::<Db>::new("INSERT INTO monitoring_reports_fts (rowid, words) ");
        q.push_values(chunk, |mut b, (id, w)| {
            b.push_bind(*id).push_bind(w.clone());
        });
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// `n` new report ids: the single writer connection holds the write lock, so the ids after
/// the largest (AUTOINCREMENT's counter included) are free.
async fn reserve_report_ids(
    tx: &mut sqlx::Transaction<'static, Db>,
    n: usize,
) -> crate::error::Result<Vec<i64>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let top: i64 = sqlx::query_scalar(
        "SELECT MAX(COALESCE((SELECT MAX(id) FROM monitoring_reports), 0), \
         COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'monitoring_reports'), 0))",
    )
    .fetch_one(&mut **tx)
    .await?;
    Ok((top + 1..=top + n as i64).collect())
}

/// Identity values follow the largest explicit id by themselves in SQLite.
async fn after_import(_tx: &mut sqlx::Transaction<'static, Db>) -> crate::error::Result<()> {
    Ok(())
}

impl Backend {
    /// Opens (creating if needed) the database file named by `url` (`sqlite://PATH`).
    pub async fn connect(url: &str) -> crate::error::Result<Self> {
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .ok_or_else(|| crate::error::StorageError::UnsupportedUrl(url.to_owned()))?;
        let path = path.split('?').next().unwrap_or(path);
        if path.is_empty() || path == ":memory:" {
            return Err(crate::error::StorageError::UnsupportedUrl(format!(
                "{url} (an in-memory database cannot be shared by the reader and writer pools; name a file)"
            )));
        }
        if let Some(dir) = std::path::Path::new(path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| crate::error::StorageError::Database(sqlx::Error::Io(e)))?;
            }
        }
        let opts = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a commit is on disk (fsync of the WAL) before it is acknowledged.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("temp_store", "memory");
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .connect_with(opts.clone())
            .await?;
        let readers = std::thread::available_parallelism()
            .map(|n| n.get() as u32 * 2)
            .unwrap_or(4)
            .max(4);
        // Readers map the file into memory (reads without a system call each) and keep a
        // larger page cache: a map's viewport reads a thousand rows scattered over the file.
        let reader = SqlitePoolOptions::new()
            .max_connections(readers)
            .min_connections(1)
            .connect_with(
                opts.read_only(true)
                    .pragma("mmap_size", "268435456")
                    .pragma("cache_size", "-16000"),
            )
            .await?;
        Ok(Backend {
            reader,
            writer: WriterPool(writer),
        })
    }

    /// Applies pending migrations; refuses a database from a newer crc.
    pub async fn migrate(&self) -> crate::error::Result<()> {
        crate::check_not_newer(&self.writer.0, &MIGRATOR).await?;
        MIGRATOR.run(&self.writer.0).await?;
        Ok(())
    }

    /// Closes both pools, waiting for connections in use.
    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.0.close().await;
    }

    /// Runs raw SQL on the writer connection (tests use it to play an intruder).
    #[cfg(feature = "testing")]
    pub async fn raw_execute(&self, sql: &str) -> crate::error::Result<u64> {
        use sqlx::Executor;
        Ok(self.writer.0.execute(sql).await?.rows_affected())
    }
}

include!("queries.rs");
include!("crisis_queries.rs");
include!("plan_queries.rs");
include!("training_queries.rs");
include!("run_queries.rs");
include!("follow_up_queries.rs");
include!("monitoring_queries.rs");

/// A read transaction in WAL mode already sees one consistent snapshot.
async fn snapshot(_tx: &mut sqlx::Transaction<'static, Db>) -> crate::error::Result<()> {
    Ok(())
}
