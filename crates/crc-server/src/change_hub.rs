//! The shared reader of the live event stream.
//!
//! Why: an event stream used to read the audit log itself each time it was woken, so a
//! thousand open consoles meant a thousand identical queries per change, and the last of
//! them answered long after the first. Here one task reads each new audit entry once
//! (`Store::entries_after`) and hands the batch to every stream through a broadcast channel;
//! each stream filters it for its own viewer with `crc_storage::changes::visible_change`,
//! the rule `Store::changes_after` applies, so what a viewer hears does not change.
//!
//! The database stays the source: a batch names the whole range of sequence numbers it
//! covers, `(after, to]`, so a stream at position `last` takes the entries above `last` of
//! a batch with `after <= last`, skips a batch with `to <= last`, and knows it missed
//! something when `after > last` (it resumed from an old event id, or fell further behind
//! than the channel holds). Then it reads from the database with `Store::changes_after`
//! until it has caught up; nothing is lost or told twice however far behind it was.
//! Commit order is sequence order (the audit chain lock), so once the reader has seen an
//! entry, every entry before it is committed and readable too.
//!
//! The reader starts with the first stream and stops when no stream is left. It wakes when
//! this server announces a change (`AppState.changes`) and every [`POLL`] for changes by
//! other processes (the command line, a second server on the same PostgreSQL).

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::response::sse::Event;
use crc_domain::audit::AuditEntry;
use crc_domain::identity::Viewer;
use crc_storage::Store;
use tokio::sync::{broadcast, watch};

/// How often the reader looks for changes made by other processes.
pub const POLL: Duration = Duration::from_secs(2);
/// Audit entries read per query.
const READ: i64 = 256;
/// Batches the channel holds for a stream that has not taken them yet; a stream further
/// behind reads from the database instead.
const CAPACITY: usize = 256;

/// A batch's changes as one viewer may hear of them: (sequence number, encoded event).
pub type Encoded = Result<Arc<[(i64, Event)]>, String>;

/// The audit entries `(after, to]`, all of them, oldest first.
pub struct Batch {
    /// The sequence number the batch follows.
    pub after: i64,
    /// The last sequence number the batch covers.
    pub to: i64,
    entries: Vec<AuditEntry>,
    /// The batch encoded per viewer (and whether of the Joint Staff, who alone hear of the
    /// movement plans made without an operation), so that streams of the same viewer filter
    /// and encode it once between them. Few distinct viewers exist (one per member state,
    /// plus organization staff and administrators): a list searched in order.
    encoded: Mutex<Vec<((Viewer, bool), Encoded)>>,
}

impl Batch {
    fn new(after: i64, to: i64, entries: Vec<AuditEntry>) -> Batch {
        Batch {
            after,
            to,
            entries,
            encoded: Mutex::new(Vec::new()),
        }
    }

    /// The batch as `viewer` may hear of it: `encode` filters and encodes the entries, once
    /// per distinct viewer (it runs outside the lock; should two streams race, the first
    /// result kept is the one every stream gets).
    pub fn for_viewer(
        &self,
        viewer: &Viewer,
        joint_staff: bool,
        encode: impl FnOnce(&[AuditEntry], &Viewer, bool) -> Encoded,
    ) -> Encoded {
        let find = |list: &Vec<((Viewer, bool), Encoded)>| {
            list.iter()
                .find(|((v, j), _)| v == viewer && *j == joint_staff)
                .map(|(_, e)| e.clone())
        };
        if let Some(e) = find(&self.encoded.lock().unwrap_or_else(PoisonError::into_inner)) {
            return e;
        }
        let fresh = encode(&self.entries, viewer, joint_staff);
        let mut list = self.encoded.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(e) = find(&list) {
            return e;
        }
        list.push(((viewer.clone(), joint_staff), fresh.clone()));
        fresh
    }
}

/// The shared reader: one per server.
#[derive(Clone)]
pub struct ChangeHub {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    changes: Arc<watch::Sender<u64>>,
    closing: Arc<watch::Sender<bool>>,
    batches: broadcast::Sender<Arc<Batch>>,
    /// Whether the reading task runs; taken with every subscription and before it stops.
    running: Mutex<bool>,
}

impl ChangeHub {
    /// A hub over `store`, woken by `changes` and ended by `closing` (the `AppState`'s).
    pub fn new(
        store: Store,
        changes: Arc<watch::Sender<u64>>,
        closing: Arc<watch::Sender<bool>>,
    ) -> ChangeHub {
        Self::with_capacity(store, changes, closing, CAPACITY)
    }

    /// A hub whose channel holds `capacity` batches (tests overtake a stream with a small one).
    pub(crate) fn with_capacity(
        store: Store,
        changes: Arc<watch::Sender<u64>>,
        closing: Arc<watch::Sender<bool>>,
        capacity: usize,
    ) -> ChangeHub {
        ChangeHub {
            inner: Arc::new(Inner {
                store,
                changes,
                closing,
                batches: broadcast::channel(capacity).0,
                running: Mutex::new(false),
            }),
        }
    }

    /// The batches read from now on, starting the reader if none runs. Subscribe before
    /// reading the stream's start point, so that no change falls between the two.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Batch>> {
        let mut running = self
            .inner
            .running
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let rx = self.inner.batches.subscribe();
        if !*running {
            *running = true;
            tokio::spawn(read(self.inner.clone()));
        }
        rx
    }
}

/// Stops the reader if no stream is left; the check and a new subscription exclude each
/// other, so a stream never subscribes to a reader that is about to stop.
fn stop_if_unused(inner: &Inner) -> bool {
    let mut running = inner.running.lock().unwrap_or_else(PoisonError::into_inner);
    if inner.batches.receiver_count() == 0 {
        *running = false;
        true
    } else {
        false
    }
}

fn stop(inner: &Inner) {
    *inner.running.lock().unwrap_or_else(PoisonError::into_inner) = false;
}

/// Until this server announces a change, shuts down, or [`POLL`] has passed.
async fn wait(changes: &mut watch::Receiver<u64>, closing: &mut watch::Receiver<bool>) {
    tokio::select! {
        _ = changes.changed() => {}
        _ = closing.changed() => {}
        _ = tokio::time::sleep(POLL) => {}
    }
}

async fn read(inner: Arc<Inner>) {
    let mut changes = inner.changes.subscribe();
    let mut closing = inner.closing.subscribe();
    // Start at the newest entry. The first batch, empty, tells every stream where: one
    // that is behind it catches up from the database.
    changes.borrow_and_update();
    let mut head = loop {
        match inner.store.last_seq().await {
            Ok(h) => break h,
            Err(e) => tracing::warn!(error = %e, "change reader: reading the newest change failed"),
        }
        if *inner.closing.borrow() {
            return stop(&inner);
        }
        if stop_if_unused(&inner) {
            return;
        }
        wait(&mut changes, &mut closing).await;
    };
    let _ = inner
        .batches
        .send(Arc::new(Batch::new(head, head, Vec::new())));
    loop {
        if *inner.closing.borrow() {
            // The streams end themselves; nothing more to read for them.
            return stop(&inner);
        }
        // Mark the current change count seen *before* reading, so that a change that
        // commits during the read wakes the wait below.
        changes.borrow_and_update();
        let mut more = false;
        match inner.store.entries_after(head, READ).await {
            Ok(entries) => {
                if let Some(to) = entries.last().map(|e| e.seq) {
                    more = entries.len() as i64 >= READ;
                    // No receiver (the last stream just ended) is no error.
                    let _ = inner.batches.send(Arc::new(Batch::new(head, to, entries)));
                    head = to;
                }
            }
            // The streams wait; the next wake-up or poll tries again.
            Err(e) => tracing::warn!(error = %e, "change reader: reading changes failed"),
        }
        if more {
            continue;
        }
        if stop_if_unused(&inner) {
            return;
        }
        wait(&mut changes, &mut closing).await;
    }
}
