//! Where each question stands on its topic's page: the bundle's own order (a topic's `questions`
//! list, format 3) is kept as `question.position` when a bundle is imported, and topic pages sort
//! by it (`read.rs`). Questions no list names keep a NULL position and follow alphabetically, as
//! every page was sorted before lists existed, so a bundle without lists needs no write at all.

use rusqlite::{params, Transaction};

use crate::bundle::{listed_positions, Manifest};
use crate::Result;

/// Writes the listed questions' positions, inside the import's own transaction, after the
/// bundle's questions were inserted.
pub(super) fn write_positions(tx: &Transaction<'_>, manifest: &Manifest) -> Result<()> {
    let positions = listed_positions(&manifest.topics);
    if positions.is_empty() {
        return Ok(());
    }
    let mut place = tx.prepare_cached("UPDATE question SET position = ?3 WHERE bundle_id = ?1 AND id = ?2")?;
    for (id, position) in positions {
        place.execute(params![manifest.id, id, position])?;
    }
    Ok(())
}
